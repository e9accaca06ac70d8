package org.currents.serve;

/** A request the server answers with an error status and a message for the client. */
final class HttpError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final int status;

    HttpError(int status, String message) {
        super(message);
        this.status = status;
    }
}
