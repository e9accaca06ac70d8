package org.currents.source;

import java.io.IOException;

/** A stream of day pages and their revisions: an XML export, or the MediaWiki API. */
public interface RevisionSource {

    /**
     * Reads every page and revision and hands them to {@code sink} in input order.
     *
     * <p>For each day page the sink sees {@link RevisionSink#beginPage}, its revisions, then
     * {@link RevisionSink#endPage}. When reading fails in the middle of a page, this method
     * throws without calling {@code endPage}: the sink must then drop that page's revisions.
     *
     * @throws SourceException when the input is malformed, naming where it broke
     * @throws IOException when the input cannot be read
     */
    void readInto(RevisionSink sink) throws IOException;

    /** A short description of this source for messages, e.g. the file name. */
    String describe();
}
