package org.currents.publish;

/**
 * Text fit for XML 1.0 and HTML: the code points both forbid (C0 controls but tab, line feed
 * and carriage return; DEL and the C1 controls, which HTML forbids; U+FFFE, U+FFFF; unpaired
 * surrogates) are dropped. Escaping is the writer's job (jte, StAX); this only removes what no
 * escaping can carry. Wikitext and fetched pages may hold any of them.
 */
final class XmlText {
    private XmlText() {}

    /** True when {@code c} at {@code i} of {@code s} may stay. */
    private static boolean allowed(String s, int i) {
        char c = s.charAt(i);
        if (c < 0x20) {
            return c == '\t' || c == '\n' || c == '\r';
        }
        if (c >= 0x7f && c <= 0x9f) {
            return false;
        }
        if (c == 0xfffe || c == 0xffff) {
            return false;
        }
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
        }
        return true;
    }

    /** {@code s} without the code points XML and HTML forbid; {@code s} itself when it has none. */
    static String clean(String s) {
        if (s == null) {
            return null;
        }
        int i = 0;
        while (i < s.length() && allowed(s, i)) {
            i++;
        }
        if (i == s.length()) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        out.append(s, 0, i);
        for (; i < s.length(); i++) {
            if (allowed(s, i)) {
                out.append(s.charAt(i));
            }
        }
        return out.toString();
    }

    /** Appends {@code s[begin, end)} to {@code out} without the forbidden code points. */
    static void append(StringBuilder out, String s, int begin, int end) {
        for (int i = begin; i < end; i++) {
            if (allowed(s, i)) {
                out.append(s.charAt(i));
            }
        }
    }
}
