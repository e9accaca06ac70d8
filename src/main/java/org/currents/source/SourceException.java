package org.currents.source;

import java.io.IOException;

/** The input of a {@link RevisionSource} is malformed; the message says where it broke. */
public final class SourceException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what broke and where (file, line, column or page)
     * @param cause the underlying error, or null
     */
    public SourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
