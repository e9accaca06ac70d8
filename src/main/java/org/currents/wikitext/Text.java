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
        return c == ' ' || Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    /** Collapses runs of whitespace to one space and trims. */
    static String collapse(CharSequence text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean space = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isSpaceLike(c)) {
                space = out.length() > 0;
            } else {
                if (space) {
                    out.append(' ');
                    space = false;
                }
                out.append(c);
            }
        }
        return out.toString();
    }
}
