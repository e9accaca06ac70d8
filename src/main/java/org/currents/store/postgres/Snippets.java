package org.currents.store.postgres;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.currents.store.SearchHit;

/**
 * The passage of a search hit, as FTS5's {@code snippet(search, -1, …, '…', 24)} gives it: the
 * first column that matches (text, stories, links, outlets), up to 24 words of it around the
 * first match, {@code …} where it was cut, each word the query matches between {@link
 * SearchHit#MARK_START} and {@link SearchHit#MARK_END}. Words are split and compared as the
 * index splits them: at anything but letters and digits, lower case, diacritics folded.
 */
final class Snippets {
    static final int WORDS = 24;

    private static final Pattern LEXEME = Pattern.compile("'((?:[^']|'')*)'(:[A-D*]+)?");

    private Snippets() {}

    /** A word of the query: folded, and whether it is a prefix. */
    record Term(String word, boolean prefix) {
        boolean matches(String folded) {
            return prefix ? folded.startsWith(word) : folded.equals(word);
        }
    }

    /** The words of a {@link TsQueries} query. */
    static List<Term> terms(String tsquery) {
        List<Term> out = new ArrayList<>();
        Matcher m = LEXEME.matcher(tsquery);
        while (m.find()) {
            out.add(new Term(
                    fold(m.group(1).replace("''", "'")),
                    m.group(2) != null && m.group(2).contains("*")));
        }
        return out;
    }

    static String of(List<String> columns, List<Term> terms) {
        for (String column : columns) {
            if (column != null && !column.isEmpty()) {
                String s = snippet(column, terms, true);
                if (s != null) {
                    return s;
                }
            }
        }
        return columns.get(0) == null ? "" : snippet(columns.get(0), terms, false);
    }

    /** The passage of {@code text}; null when {@code needMatch} and no word matches. */
    private static String snippet(String text, List<Term> terms, boolean needMatch) {
        List<int[]> words = new ArrayList<>(); // start, end, matched
        int k = 0;
        while (k < text.length()) {
            int cp = text.codePointAt(k);
            if (!isWordChar(cp)) {
                k += Character.charCount(cp);
                continue;
            }
            int start = k;
            while (k < text.length() && isWordChar(text.codePointAt(k))) {
                k += Character.charCount(text.codePointAt(k));
            }
            String folded = fold(text.substring(start, k));
            boolean hit = terms.stream().anyMatch(t -> t.matches(folded));
            words.add(new int[] {start, k, hit ? 1 : 0});
        }
        int first = -1;
        for (int w = 0; w < words.size(); w++) {
            if (words.get(w)[2] == 1) {
                first = w;
                break;
            }
        }
        if (first < 0 && needMatch) {
            return null;
        }
        if (words.isEmpty()) {
            return text;
        }
        int from = Math.max(0, Math.min(first < 0 ? 0 : first - WORDS / 4, words.size() - WORDS));
        int to = Math.min(words.size(), from + WORDS);
        StringBuilder out = new StringBuilder();
        if (from > 0) {
            out.append('…');
        }
        int pos = from == 0 ? 0 : words.get(from)[0];
        for (int w = from; w < to; w++) {
            int[] word = words.get(w);
            out.append(text, pos, word[0]);
            if (word[2] == 1) {
                out.append(SearchHit.MARK_START).append(text, word[0], word[1]).append(SearchHit.MARK_END);
            } else {
                out.append(text, word[0], word[1]);
            }
            pos = word[1];
        }
        if (to < words.size()) {
            out.append('…');
        } else {
            out.append(text, pos, text.length());
        }
        return out.toString();
    }

    static boolean isWordChar(int cp) {
        return Character.isLetterOrDigit(cp) || Character.getType(cp) == Character.NON_SPACING_MARK;
    }

    static String fold(String word) {
        String d = Normalizer.normalize(word, Normalizer.Form.NFKD);
        return d.replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT);
    }
}
