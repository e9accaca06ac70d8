package org.currents.source.api;

import org.currents.model.WikiPage;

/**
 * Hears what an {@link ApiRevisionSource} found for each day, in day order: for progress
 * reports, and to record pages that do not exist. Every method does nothing by default.
 */
public interface DayObserver {

    /** An observer that ignores everything. */
    DayObserver NONE = new DayObserver() {};

    /** The day page does not exist on the wiki: recorded as such, not an error. */
    default void missing(WikiPage page) {}

    /** The wiki has nothing newer than {@code newestKnown}; nothing was downloaded. */
    default void unchanged(WikiPage page, long newestKnown) {}

    /**
     * New revisions of the page were handed to the sink (between its {@code beginPage} and
     * {@code endPage}).
     *
     * @param revisions how many
     * @param requests the requests it took, retries included
     */
    default void fetched(WikiPage page, int revisions, long requests) {}
}
