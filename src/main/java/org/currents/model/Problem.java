package org.currents.model;

import java.util.Objects;

/**
 * Something the parser found odd in a page and how it dealt with it; never fatal.
 *
 * @param line 1-based line in the page's wikitext
 * @param column 1-based column
 * @param message what was found and what was done
 */
public record Problem(int line, int column, String message) {
    public Problem {
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return line + ":" + column + ": " + message;
    }
}
