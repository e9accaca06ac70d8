package org.currents.source;

import java.io.IOException;

/** The input of a {@link RevisionSource} is malformed; the message says where it broke. */
public final class SourceException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what broke and where (file, line, column or page)
     * @param cause the underlying error, or null
     */
    public SourceException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The most characters of an untrusted value that a message quotes. */
    public static final int QUOTE_LIMIT = 80;

    /**
     * {@code value} as a message may quote it: in double quotes, control and bidi characters
     * escaped ({@code \u202e}), and cut to {@link #QUOTE_LIMIT} characters with the length said
     * ({@code "2017-…" (5242880 characters)}), so that a 5 MB timestamp in a hostile file does
     * not become a 5 MB error line, nor one that rewrites the terminal.
     */
    public static String quote(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder(Math.min(value.length(), QUOTE_LIMIT) + 16).append('"');
        int n = Math.min(value.length(), QUOTE_LIMIT);
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '"' || c == '\\' || isBidiControl(c)) {
                b.append(c == '"' ? "\\\"" : c == '\\' ? "\\\\" : String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        b.append('"');
        if (value.length() > n) {
            b.setLength(b.length() - 1);
            b.append("…\" (").append(value.length()).append(" characters)");
        }
        return b.toString();
    }

    private static boolean isBidiControl(char c) {
        return (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c == 0x200e || c == 0x200f || c == 0x61c;
    }
}
