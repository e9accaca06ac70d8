package org.currents.enrich;

import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.parser.Parser;

/**
 * Turns a value found in a page into stored plain text: entities decoded, markup reduced to its
 * text, control and bidirectional formatting characters dropped, runs of whitespace collapsed to one space, trimmed.
 * Everything stays text: renderers escape it.
 */
final class TextCleaner {
    /**
     * Whitespace, no-break and ideographic spaces and line breaks included: a summary is one
     * line, and a line break kept in Markdown could turn it into a heading ({@code
     * "...需求\n---记者"} on news.cn).
     */
    private static final Pattern WHITESPACE =
            Pattern.compile("[\\s\\u0085\\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000\\uFEFF]+");

    private static final Pattern EDGES = Pattern.compile("^[\\s\\p{Z}\\uFEFF]+|[\\s\\p{Z}\\uFEFF]+$");
    /**
     * Control characters, and the bidirectional marks, embeddings, overrides and isolates the
     * wikitext path drops too ({@code wikitext.Text.isInvisible}): a U+202E in a description would
     * show the rest of the line, and of the page around it, reversed.
     */
    private static final Pattern CONTROL =
            Pattern.compile("[\\p{Cc}&&[^\\t\\n\\r]]|[\\u061C\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069]");

    private static final Pattern TAG = Pattern.compile("<[a-zA-Z/!][^>]*>");

    /** Values longer than this are cut: no real title or description comes near it. */
    static final int MAX_LENGTH = 5_000;

    private TextCleaner() {}

    /**
     * Cleans a value that jsoup already decoded (an attribute or an element's text).
     *
     * @return the cleaned text, or null when nothing is left
     */
    static String clean(String value) {
        if (value == null) {
            return null;
        }
        String s = value;
        if (s.length() > MAX_LENGTH * 4) {
            s = s.substring(0, MAX_LENGTH * 4);
        }
        if (TAG.matcher(s).find()) {
            s = Jsoup.parseBodyFragment(s).text();
        }
        s = CONTROL.matcher(s).replaceAll("");
        s = EDGES.matcher(WHITESPACE.matcher(s).replaceAll(" ")).replaceAll("");
        if (s.length() > MAX_LENGTH) {
            s = EDGES.matcher(s.substring(0, MAX_LENGTH)).replaceAll("");
        }
        return s.isEmpty() ? null : s;
    }

    /**
     * Cleans raw text that may still hold entities, as JSON-LD strings do
     * ({@code "retailers&#8217; battle"} on venturebeat.com).
     */
    static String cleanRaw(String value) {
        if (value == null) {
            return null;
        }
        String s = value.indexOf('&') >= 0 ? Parser.unescapeEntities(value, false) : value;
        return clean(s);
    }
}
