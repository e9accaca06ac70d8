package org.currents.history;

import java.util.List;

/**
 * What an import did.
 *
 * @param pages day pages read
 * @param revisionsNew revisions added to the archive
 * @param revisionsKnown revisions the archive already had
 * @param revisionsDuplicate revisions skipped because their id was seen twice
 * @param eventsObserved events read off the new revisions (summed over revisions)
 * @param problems parse problems in the new revisions
 * @param eventsCreated events that got a new identity
 * @param versionsAdded versions recorded
 * @param eventsMoved events found moved between day pages
 * @param skippedPages pages that are not Current events day pages
 * @param refusedTitles of those, pages whose title names a day but is not the canonical title
 *     of a day page ({@code 2017 July 09}, {@code 2017-07-09}, {@code 2017 February 30})
 * @param notes things the user should know (bad titles, late revisions, ...), bounded
 * @param failure why the import stopped early, or null when it read everything
 */
public record ImportSummary(
        int pages,
        long revisionsNew,
        long revisionsKnown,
        long revisionsDuplicate,
        long eventsObserved,
        long problems,
        long eventsCreated,
        long versionsAdded,
        long eventsMoved,
        long skippedPages,
        long refusedTitles,
        List<String> notes,
        String failure) {
    public ImportSummary {
        notes = List.copyOf(notes);
    }
}
