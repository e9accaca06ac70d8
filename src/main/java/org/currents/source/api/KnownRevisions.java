package org.currents.source.api;

/**
 * What the archive already holds of each day page, so that a sync fetches only what is newer;
 * typically backed by the store's newest revision id per page.
 *
 * <p>When the wiki no longer has that revision ({@code nosuchrevid}: the page was deleted and
 * recreated, or histories were merged), the whole history is read again: the sink must skip
 * revisions it already holds, as the importer does.
 */
@FunctionalInterface
public interface KnownRevisions {

    /** Knows nothing: every revision is fetched. */
    KnownRevisions NONE = title -> 0;

    /**
     * The id of the newest revision of the page titled {@code title} already held, or 0 when none.
     *
     * @param title a day page title with spaces, as {@link org.currents.source.DayPageTitle#of}
     *     writes it
     */
    long newestRevisionId(String title);
}
