package org.currents.cli;

/** A mistake in how a command was called that picocli cannot see (exit code 2). */
final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
