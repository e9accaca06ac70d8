package org.currents.store;

/** A search query the archive cannot run as given: the message says why, for the user. */
public final class QueryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong with the query */
    public QueryException(String message) {
        super(message);
    }
}
