package org.currents.enrich;

/**
 * The outcome labels of a fetch, as stored in {@code source_meta.outcome} and counted in the
 * summary of {@code enrich}. HTTP errors are {@code http-<status>} ({@code http-404}).
 */
final class Outcomes {
    static final String OK = "ok";
    static final String TIMEOUT = "timeout";
    static final String ROBOTS_DENIED = "robots-denied";
    static final String REFUSED_PRIVATE_ADDRESS = "refused-private-address";
    static final String NOT_HTML = "not-html";
    static final String TOO_LARGE = "too-large";
    static final String REDIRECT_LOOP = "redirect-loop";
    static final String TOO_MANY_REDIRECTS = "too-many-redirects";
    static final String CONNECTION_FAILED = "connection-failed";
    static final String UNKNOWN_HOST = "unknown-host";
    static final String BAD_URL = "bad-url";
    static final String BAD_ENCODING = "bad-encoding";

    private Outcomes() {}

    static String http(int status) {
        return "http-" + status;
    }

    /** True for outcomes that say the page is gone or unreachable, worth a Wayback lookup. */
    static boolean deadLink(String outcome) {
        if (outcome.startsWith("http-")) {
            return !outcome.equals("http-429");
        }
        return outcome.equals(TIMEOUT) || outcome.equals(CONNECTION_FAILED) || outcome.equals(UNKNOWN_HOST);
    }
}
