package org.currents.source.api;

/**
 * What a {@link MediaWikiApi} has sent and received so far.
 *
 * @param requests HTTP requests sent, retries included (the JDK client may send a GET once more by
 *     itself when a connection closes before any answer; that one is not counted)
 * @param retries requests that repeated an earlier one after a failure
 * @param bytesReceived response bytes as they came over the wire (compressed when gzip)
 */
public record ApiStats(long requests, long retries, long bytesReceived) {

    /** What happened between {@code earlier} and this. */
    public ApiStats minus(ApiStats earlier) {
        return new ApiStats(
                requests - earlier.requests, retries - earlier.retries, bytesReceived - earlier.bytesReceived);
    }
}
