package org.currents.wikitext;

/** Character classes and whitespace handling for plain text. */
final class Text {
    private Text() {}

    /**
     * True for characters a reader does not see: zero-width spaces and joiners, word joiner,
     * byte-order mark, soft hyphen, and bidirectional marks and embeddings. (2026 August 19 has
     * a U+200C between "laundering" and "and".)
     */
    static boolean isInvisible(char c) {
        return c == '\u200B'
                || c == '\u200C'
                || c == '\u200D'
                || c == '\u2060'
                || c == '\uFEFF'
                || c == '\u00AD'
                || c == '\u200E'
                || c == '\u200F'
                || (c >= '\u202A' && c <= '\u202E')
                || (c >= '\u2066' && c <= '\u2069');
    }

    /** Whitespace of any kind, including no-break and thin spaces. */
    static boolean isSpaceLike(char c) {
        if (c < 0x80) {
            // ASCII: what Character.isWhitespace says, without its table look-up
            return c == ' ' || (c >= '\t' && c <= '\r') || (c >= '\u001C' && c <= '\u001F');
        }
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    /** Collapses runs of whitespace to one space and trims. */
    static String collapse(CharSequence chars) {
        // loops over a String, not a CharSequence: this runs on every rendered line
        // (most texts only end with the space that stood before a removed citation)
        String text = chars.toString().strip();
        if (isCollapsed(text)) {
            return text;
        }
        char[] out = new char[text.length()];
        int n = 0;
        boolean space = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isSpaceLike(c)) {
                space = n > 0;
            } else {
                if (space) {
                    out[n++] = ' ';
                    space = false;
                }
                out[n++] = c;
            }
        }
        return new String(out, 0, n);
    }

    /** True when {@link #collapse} would not change the text: single spaces between words. */
    private static boolean isCollapsed(String text) {
        int n = text.length();
        if (n == 0) {
            return true;
        }
        boolean previousSpace = true; // no leading space
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == ' ') {
                if (previousSpace) {
                    return false;
                }
                previousSpace = true;
            } else if (isSpaceLike(c)) {
                return false;
            } else {
                previousSpace = false;
            }
        }
        return !previousSpace;
    }
}
