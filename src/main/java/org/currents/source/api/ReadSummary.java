package org.currents.source.api;

/**
 * What one {@link ApiRevisionSource#readInto} did.
 *
 * @param days day pages looked at (fewer than the range when a stop was requested)
 * @param missing day pages the wiki does not have
 * @param unchanged day pages with nothing new
 * @param fetched day pages with new revisions
 * @param revisions new revisions handed to the sink
 * @param requests requests sent, retries included
 * @param bytesReceived response bytes over the wire
 */
public record ReadSummary(
        int days, int missing, int unchanged, int fetched, long revisions, long requests, long bytesReceived) {}
