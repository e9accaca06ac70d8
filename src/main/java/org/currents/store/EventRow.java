package org.currents.store;

import java.time.Instant;
import java.time.LocalDate;
import org.currents.model.EventStatus;

/**
 * The derived state of an event, rewritten whenever its page's history changes.
 *
 * @param id stable event id
 * @param pageId the store's id of the day page it is on now
 * @param day that page's day
 * @param firstRevisionId the revision it first appeared in
 * @param bulletKey its latest live observation (category, stories, links, text, sources)
 * @param position its position in that observation
 * @param status current or removed
 * @param removedRevisionId the revision that removed it, or 0
 * @param removedAt when, or null
 */
public record EventRow(
        String id,
        long pageId,
        LocalDate day,
        long firstRevisionId,
        String bulletKey,
        int position,
        EventStatus status,
        long removedRevisionId,
        Instant removedAt) {}
