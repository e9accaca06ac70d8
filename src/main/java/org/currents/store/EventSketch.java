package org.currents.store;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Just enough of an event to find moves: where it was, when it appeared or left, its text and
 * source URLs.
 *
 * @param id event id
 * @param pageId its page
 * @param day its day
 * @param revisionId the revision that created it (for created events) or removed it (for
 *     removed events)
 * @param at that revision's time
 * @param text its text at that point
 * @param urls its source URLs at that point
 */
public record EventSketch(
        String id, long pageId, LocalDate day, long revisionId, Instant at, String text, List<String> urls) {}
