package org.currents.model;

import java.util.Objects;

/**
 * A news source cited by an event: an external link of the bullet.
 *
 * @param url the link target as written (trimmed)
 * @param outlet the link's label without formatting and surrounding parentheses, or the host
 *     name when the link has no label
 */
public record Source(String url, String outlet) {
    public Source {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(outlet, "outlet");
    }
}
