package org.currents.publish;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;

/**
 * Slugs of event pages (SPEC.md, Paths): the first 140 characters of the text, transliterated
 * to ASCII, lower-cased, every run of other characters turned into one {@code -}, trimmed.
 */
public final class Slugs {
    /** Characters of text a slug is made from. */
    public static final int LENGTH = 140;

    // Letters that Unicode decomposition does not reduce to ASCII.
    private static final Map<Character, String> SPECIAL = Map.ofEntries(
            Map.entry('ß', "ss"),
            Map.entry('æ', "ae"),
            Map.entry('Æ', "AE"),
            Map.entry('œ', "oe"),
            Map.entry('Œ', "OE"),
            Map.entry('ø', "o"),
            Map.entry('Ø', "O"),
            Map.entry('đ', "d"),
            Map.entry('Đ', "D"),
            Map.entry('ð', "d"),
            Map.entry('Ð', "D"),
            Map.entry('þ', "th"),
            Map.entry('Þ', "TH"),
            Map.entry('ł', "l"),
            Map.entry('Ł', "L"),
            Map.entry('ı', "i"),
            Map.entry('ħ', "h"),
            Map.entry('Ħ', "H"));

    /**
     * Names the site uses itself (SPEC.md: "No slug may take a name the site uses itself"): a
     * page's {@code index}, the top folders, and the files at the root. A slug equal to one is
     * taken already, so it gets {@code -2} by the collision rule, in every folder alike.
     */
    public static final java.util.Set<String> RESERVED = java.util.Set.of(
            "index", "news", "topics", "feeds", "assets", "search", "api", "404", "sitemap", "robots", "favicon");

    private Slugs() {}

    /** True when {@code slug} is one of the site's own names ({@link #RESERVED}). */
    public static boolean reserved(String slug) {
        return RESERVED.contains(slug);
    }

    /** "3½" decomposes to "31⁄2": keep the whole number apart from the fraction ("3 1⁄2"). */
    private static String separateFractions(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.getType(c) == Character.OTHER_NUMBER
                    && Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFKD)
                                    .indexOf('\u2044')
                            >= 0) {
                if (out == null) {
                    out = new StringBuilder(text.substring(0, i));
                }
                out.append(' ');
            }
            if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }

    private static boolean ascii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 128) {
                return false;
            }
        }
        return true;
    }

    /** The slug of {@code text}, or {@code event} when nothing of it is left. */
    public static String of(String text) {
        String head = text.length() > LENGTH ? text.substring(0, LENGTH) : text;
        if (!head.isEmpty() && Character.isHighSurrogate(head.charAt(head.length() - 1))) {
            head = head.substring(0, head.length() - 1);
        }
        // ASCII is its own decomposition and has no fractions: most texts skip both (they were
        // most of the time of serving a topic page, which assigns the paths of 200 days)
        String decomposed = ascii(head) ? head : Normalizer.normalize(separateFractions(head), Normalizer.Form.NFKD);
        StringBuilder out = new StringBuilder(head.length());
        boolean dash = false;
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            if (c < 128) {
                // as below, without a lookup or a string per character
                char a = c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
                if ((a >= 'a' && a <= 'z') || (a >= '0' && a <= '9')) {
                    if (dash && out.length() > 0) {
                        out.append('-');
                    }
                    dash = false;
                    out.append(a);
                } else {
                    dash = true;
                }
                continue;
            }
            if (Character.getType(c) == Character.NON_SPACING_MARK) {
                continue; // the accent of é, after decomposition
            }
            String mapped = SPECIAL.get(c);
            String ascii = mapped != null ? mapped : (c < 128 ? String.valueOf(c) : "");
            ascii = ascii.toLowerCase(Locale.ROOT);
            boolean any = false;
            for (int k = 0; k < ascii.length(); k++) {
                char a = ascii.charAt(k);
                if ((a >= 'a' && a <= 'z') || (a >= '0' && a <= '9')) {
                    if (dash && out.length() > 0) {
                        out.append('-');
                    }
                    dash = false;
                    out.append(a);
                    any = true;
                }
            }
            if (!any) {
                dash = true; // a curly apostrophe, a space, punctuation: one '-' per run
            }
        }
        return out.length() == 0 ? "event" : out.toString();
    }
}
