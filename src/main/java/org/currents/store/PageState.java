package org.currents.store;

import java.util.List;
import java.util.Map;
import org.currents.model.ParsedEvent;
import org.currents.model.WikiPage;

/**
 * Everything the version tracker needs to continue a page's history: its revisions, what was
 * observed in each, the versions recorded and the events that live on it.
 *
 * @param pageId the store's page id
 * @param page the page
 * @param revisions its revisions in time order
 * @param observations every observation of those revisions
 * @param bullets the content of every bullet key those observations and versions use
 * @param versions every version row of the page's events
 * @param events the derived rows of the events that are on this page now
 * @param movedAway events observed on this page whose rows now live on another day page
 */
public record PageState(
        long pageId,
        WikiPage page,
        List<StoredRevision> revisions,
        List<Observation> observations,
        Map<String, ParsedEvent> bullets,
        List<StoredVersion> versions,
        Map<String, EventRow> events,
        java.util.Set<String> movedAway) {}
