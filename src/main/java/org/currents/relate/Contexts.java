package org.currents.relate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.currents.model.Context;
import org.currents.model.ParsedEvent;

/**
 * An event's contexts: the story titles above it and the targets of its wikilinks, compared by
 * a normalised key (first letter upper case, {@code _} as space, en dash as hyphen, fragment
 * dropped, whitespace collapsed) and shown as spelt.
 */
public final class Contexts {
    private Contexts() {}

    /** The contexts of {@code content}, stories first, each key once. */
    public static List<Context> of(ParsedEvent content) {
        return of(content, Map.of());
    }

    /**
     * The contexts of {@code content}, with titles that are redirects replaced by their targets
     * ({@code [[Trump]]} and {@code [[Donald Trump]]} are one context).
     *
     * @param canonical title (as spelt) to canonical title, for the titles known to redirect
     */
    public static List<Context> of(ParsedEvent content, Map<String, String> canonical) {
        Map<String, Context> out = new LinkedHashMap<>();
        for (String story : content.stories()) {
            add(out, story, canonical);
        }
        for (String link : content.links()) {
            add(out, link, canonical);
        }
        return new ArrayList<>(out.values());
    }

    private static void add(Map<String, Context> out, String title, Map<String, String> canonical) {
        String shown = spelling(title);
        if (shown.isEmpty()) {
            return;
        }
        String target = canonical.get(shown);
        if (target != null && !target.isBlank()) {
            shown = spelling(target);
        }
        String key = key(shown);
        out.putIfAbsent(key, new Context(key, shown));
    }

    /**
     * The title as shown: {@code _} as space, fragment dropped, first letter upper case, runs of
     * white space ({@code \s}: space, tab, line breaks, form feed, vertical tab) as one space,
     * trimmed. Without a regular expression: this runs for every story and link of every event
     * indexed (a tenth of the import's writing thread when it split on {@code \s+}).
     */
    public static String spelling(String title) {
        String t = title.replace('_', ' ');
        int hash = t.indexOf('#');
        if (hash >= 0) {
            t = t.substring(0, hash);
        }
        t = collapseSpace(t.trim());
        if (t.isEmpty()) {
            return t;
        }
        int first = t.codePointAt(0);
        int upper = Character.toUpperCase(first);
        if (upper == first) {
            return t;
        }
        return new StringBuilder()
                .appendCodePoint(upper)
                .append(t, Character.charCount(first), t.length())
                .toString();
    }

    /** {@code t} (trimmed) with each run of {@code \s} characters as one space. */
    private static String collapseSpace(String t) {
        StringBuilder b = null;
        int n = t.length();
        for (int i = 0; i < n; i++) {
            char c = t.charAt(i);
            if (!isSpace(c)) {
                if (b != null) {
                    b.append(c);
                }
                continue;
            }
            int end = i + 1;
            while (end < n && isSpace(t.charAt(end))) {
                end++;
            }
            if (b == null && (c != ' ' || end > i + 1)) {
                b = new StringBuilder(n).append(t, 0, i);
            }
            if (b != null) {
                b.append(' ');
            }
            i = end - 1;
        }
        return b == null ? t : b.toString();
    }

    /** What {@code \s} matches in a Java regular expression (without UNICODE_CHARACTER_CLASS). */
    private static boolean isSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r'); // \t \n \u000B \f \r
    }

    /** The key contexts are compared by. */
    public static String key(String title) {
        return spelling(title).replace('\u2013', '-').replace('\u2014', '-').replace('\u2212', '-');
    }
}
