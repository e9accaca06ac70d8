package org.currents.wikitext;

import java.util.ArrayList;
import java.util.List;

/**
 * Removes the apostrophes that format a line ({@code ''italic''}, {@code '''bold'''}) and keeps
 * those a reader sees, deciding as MediaWiki's {@code Parser::doQuotes} does: a run of four is
 * an apostrophe and bold, a run of more than five keeps the extra apostrophes, and when both
 * italics and bolds are unbalanced one bold becomes an apostrophe and an italic (so that
 * {@code ''Le Monde'''s} reads "Le Monde's").
 */
final class Quotes {
    private Quotes() {}

    static String strip(String line) {
        int first = line.indexOf("''");
        if (first < 0) {
            return line;
        }
        List<String> parts = split(line, first);
        int italics = 0;
        int bolds = 0;
        for (int i = 1; i < parts.size(); i += 2) {
            int len = parts.get(i).length();
            if (len == 4) {
                parts.set(i - 1, parts.get(i - 1) + "'");
                parts.set(i, "'''");
            } else if (len > 5) {
                parts.set(i - 1, parts.get(i - 1) + "'".repeat(len - 5));
                parts.set(i, "'''''");
            }
            len = parts.get(i).length();
            if (len == 2) {
                italics++;
            } else if (len == 3) {
                bolds++;
            } else {
                italics++;
                bolds++;
            }
        }
        if (italics % 2 == 1 && bolds % 2 == 1) {
            balance(parts);
        }
        StringBuilder out = new StringBuilder(line.length());
        for (int i = 0; i < parts.size(); i += 2) {
            out.append(parts.get(i));
        }
        return out.toString();
    }

    /** Alternating text and apostrophe runs of length >= 2: text, run, text, ..., text. */
    private static List<String> split(String line, int first) {
        List<String> parts = new ArrayList<>();
        int textStart = 0;
        int i = first;
        int n = line.length();
        while (i < n) {
            if (line.charAt(i) == '\'' && i + 1 < n && line.charAt(i + 1) == '\'') {
                int j = i;
                while (j < n && line.charAt(j) == '\'') {
                    j++;
                }
                parts.add(line.substring(textStart, i));
                parts.add(line.substring(i, j));
                textStart = j;
                i = j;
            } else {
                i++;
            }
        }
        parts.add(line.substring(textStart));
        return parts;
    }

    private static void balance(List<String> parts) {
        int singleLetter = -1;
        int multiLetter = -1;
        int space = -1;
        for (int i = 1; i < parts.size(); i += 2) {
            if (parts.get(i).length() != 3) {
                continue;
            }
            String before = parts.get(i - 1);
            char x1 = before.isEmpty() ? '\0' : before.charAt(before.length() - 1);
            char x2 = before.length() < 2 ? '\0' : before.charAt(before.length() - 2);
            if (x1 == ' ') {
                if (space < 0) {
                    space = i;
                }
            } else if (x2 == ' ') {
                singleLetter = i;
                break;
            } else if (multiLetter < 0) {
                multiLetter = i;
            }
        }
        int pick = singleLetter >= 0 ? singleLetter : multiLetter >= 0 ? multiLetter : space;
        if (pick >= 0) {
            parts.set(pick, "''");
            parts.set(pick - 1, parts.get(pick - 1) + "'");
        }
    }
}
