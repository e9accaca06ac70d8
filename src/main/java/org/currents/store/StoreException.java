package org.currents.store;

/** A storage operation failed; the message names the operation and its key. */
public final class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message the operation and key, e.g. {@code "commit page 12 (Portal:Current events/2017 July 9)"}
     * @param cause the driver's exception
     */
    public StoreException(String message, Throwable cause) {
        super(message + (cause == null || cause.getMessage() == null ? "" : ": " + cause.getMessage()), cause);
    }

    /**
     * A failure whose reason is said in the user's words rather than the driver's.
     *
     * @param operation the operation and key
     * @param reason why it failed, for the user (e.g. "the disk is full writing archive.db")
     * @param cause the driver's exception, kept for {@code --verbose}
     */
    public StoreException(String operation, String reason, Throwable cause) {
        super(operation + ": " + reason, cause);
    }
}
