package org.currents.history;

/** Hears how an import is going, for progress displays. All methods default to nothing. */
public interface ImportListener {
    /** After each committed page, with the running totals. */
    default void pageDone(ImportSummary soFar, long bytesRead, long bytesTotal) {}

    /** While a page is read, from time to time. */
    default void bytesRead(long bytesRead, long bytesTotal) {}

    /**
     * The pages are in; a step that looks at all of them starts ({@code what}, e.g. "looking for
     * events moved between days"), which on a large import takes seconds with no page to count.
     */
    default void step(String what) {}
}
