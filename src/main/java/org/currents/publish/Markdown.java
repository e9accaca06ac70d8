package org.currents.publish;

/**
 * Escaping for Markdown output. Text from Wikipedia and from news sites is untrusted: each of
 * {@code \ ` * _ [ ] <} is escaped with a backslash (SPEC.md: these and only these), and URLs
 * are made safe to sit in a link's parentheses.
 */
public final class Markdown {
    private static final String SPECIAL = "\\`*_[]<";

    private Markdown() {}

    /** {@code text} with the Markdown-special characters backslash-escaped and no line breaks. */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                out.append(' ');
                continue;
            }
            if (SPECIAL.indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /**
     * {@code url} fit for a link destination: characters that would end or break it (space,
     * parentheses, angle brackets, quotes, backslash, control characters) percent-encoded.
     * Only http(s) and protocol-relative URLs are links; anything else becomes {@code #}.
     */
    public static String url(String url) {
        String u = url.strip();
        String lower = u.toLowerCase(java.util.Locale.ROOT);
        if (!(lower.startsWith("http://")
                || lower.startsWith("https://")
                || lower.startsWith("//")
                || lower.startsWith("ftp://")
                || lower.startsWith("/"))) {
            return "#";
        }
        StringBuilder out = new StringBuilder(u.length());
        for (int i = 0; i < u.length(); i++) {
            char c = u.charAt(i);
            if (c <= 0x20 || c == 0x7f || "()<>\"\\`".indexOf(c) >= 0) {
                out.append(String.format("%%%02X", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
