package org.currents.model;

import java.util.Objects;

/**
 * A news source cited by an event: an external link of the bullet.
 *
 * @param url the link target as written, trimmed, without control characters: a NUL or other
 *     C0 character in a page's link (U+0000 to U+001F, U+007F) is no part of any URL a browser
 *     would follow, and written on into the store and exports it breaks their readers (issue 12)
 * @param outlet the link's label without formatting and surrounding parentheses, or the host
 *     name when the link has no label
 */
public record Source(String url, String outlet) {
    public Source {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(outlet, "outlet");
        url = withoutControls(url).strip();
        outlet = withoutControls(outlet);
    }

    private static String withoutControls(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                StringBuilder b = new StringBuilder(s.length());
                s.chars().filter(ch -> ch >= 0x20 && ch != 0x7f).forEach(ch -> b.append((char) ch));
                return b.toString();
            }
        }
        return s;
    }
}
