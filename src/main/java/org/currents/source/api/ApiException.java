package org.currents.source.api;

import java.io.IOException;

/**
 * A request to the MediaWiki API failed for good: the API answered with an error, or it kept
 * failing (throttled, lagged, unreachable, broken responses) through every allowed try.
 */
public final class ApiException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String code;
    private final int tries;

    /**
     * @param message what was asked and what went wrong
     * @param code the API's error code (e.g. {@code nosuchrevid}), or for transport failures
     *     one of {@code http-<status>}, {@code network}, {@code bad-json}, {@code too-large}
     * @param tries how many times the request was sent
     * @param cause the underlying error, or null
     */
    public ApiException(String message, String code, int tries, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.tries = tries;
    }

    /** The API's error code, or a transport code such as {@code http-503} or {@code network}. */
    public String code() {
        return code;
    }

    /** How many times the request was sent before this failure. */
    public int tries() {
        return tries;
    }
}
