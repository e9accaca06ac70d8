package org.currents.model;

import java.util.Objects;

/**
 * A topic an event belongs to: a story bullet above it or an article it links to.
 *
 * @param key the normalised title that contexts are compared by (first letter upper case,
 *     {@code _} as space, en dash as hyphen, fragment dropped)
 * @param title the spelling shown to readers
 */
public record Context(String key, String title) {
    public Context {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(title, "title");
    }
}
