package org.currents.wikitext;

import java.net.URI;

/** Link targets, outlets and host names. */
final class Links {
    private Links() {}

    /**
     * The normalised form of a wikilink target: {@code _} as space, invisible characters
     * (zero-width spaces, bidirectional marks) removed, whitespace collapsed, no
     * leading colon, no {@code #fragment}, first letter upper case (MediaWiki's first-letter
     * case rule). Empty for a link to a section of the same page.
     */
    static String normalise(String target) {
        String t = withoutInvisible(target.replace('_', ' '));
        int hash = t.indexOf('#');
        if (hash >= 0) {
            t = t.substring(0, hash);
        }
        t = Text.collapse(t);
        while (t.startsWith(":")) {
            t = t.substring(1).strip();
        }
        if (t.isEmpty()) {
            return t;
        }
        int first = t.codePointAt(0);
        int upper = Character.toUpperCase(first);
        if (upper == first) {
            return t;
        }
        return new StringBuilder(t.length())
                .appendCodePoint(upper)
                .append(t, Character.charCount(first), t.length())
                .toString();
    }

    /** The text less the characters a reader does not see ({@link Text#isInvisible}). */
    private static String withoutInvisible(String t) {
        for (int i = 0; i < t.length(); i++) {
            if (Text.isInvisible(t.charAt(i))) {
                StringBuilder sb = new StringBuilder(t.length());
                for (int k = 0; k < t.length(); k++) {
                    if (!Text.isInvisible(t.charAt(k))) {
                        sb.append(t.charAt(k));
                    }
                }
                return sb.toString();
            }
        }
        return t;
    }

    /** What {@code [[Target|]]} shows: the title without namespace and trailing "(...)". */
    static String pipeTrick(String target) {
        String t = target.strip();
        int colon = t.indexOf(':');
        if (colon > 0) {
            t = t.substring(colon + 1);
        }
        int paren = t.lastIndexOf(" (");
        if (paren > 0 && t.endsWith(")")) {
            t = t.substring(0, paren);
        }
        return t.replace('_', ' ').strip();
    }

    /**
     * The outlet named by an external link's label: the label without surrounding
     * parentheses, or the URL's host name when the label is empty.
     */
    static String outlet(String label, String url) {
        String o = label.strip();
        if (o.length() >= 2 && o.charAt(0) == '(' && o.charAt(o.length() - 1) == ')') {
            o = o.substring(1, o.length() - 1).strip();
        }
        return o.isEmpty() ? host(url) : o;
    }

    /** The host name of {@code url}, or the URL itself when it has none. */
    static String host(String url) {
        URI uri = InlineRenderer.uri(url);
        if (uri != null && uri.getHost() != null) {
            return uri.getHost();
        }
        String u = url;
        int scheme = u.indexOf("//");
        if (scheme >= 0) {
            u = u.substring(scheme + 2);
        }
        int end = 0;
        while (end < u.length() && "/?#:".indexOf(u.charAt(end)) < 0) {
            end++;
        }
        return end == 0 ? url : u.substring(0, end);
    }
}
