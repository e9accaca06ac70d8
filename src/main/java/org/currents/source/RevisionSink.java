package org.currents.source;

import org.currents.model.Revision;
import org.currents.model.WikiPage;

/** Receives what a {@link RevisionSource} reads, one day page at a time. */
public interface RevisionSink {

    /** A new day page starts; its revisions follow. */
    void beginPage(WikiPage page);

    /** One revision of the current page. */
    void revision(Revision revision);

    /** The current page is complete: everything since {@link #beginPage} may be committed. */
    void endPage();

    /**
     * A page the source skipped because its title is not a Current events day page.
     *
     * @param title the skipped page's title
     */
    default void skippedPage(String title) {}

    /**
     * How many bytes of input were consumed so far, for progress reporting.
     *
     * @param bytesRead bytes read from the underlying input (compressed bytes for compressed
     *     files)
     * @param bytesTotal the input's size, or -1 when unknown
     */
    default void progress(long bytesRead, long bytesTotal) {}
}
