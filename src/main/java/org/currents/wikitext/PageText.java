package org.currents.wikitext;

import java.util.ArrayList;
import java.util.List;

/**
 * The part of a page that holds the day's news, cleaned of what MediaWiki removes before it
 * parses lines: comments, {@code <ref>}s, {@code <includeonly>} parts and the other tags that
 * hide their content ({@code <gallery>}, {@code <score>}, ...; see {@link HtmlTags}), and with the content of
 * {@code <nowiki>} protected. Lines keep the number of the wikitext line they start on.
 */
final class PageText {
    // rely on the markers, not on the template's content= parameter, which a stray "}}" closes
    // early (SPEC.md, "Reading a page")
    private static final String BELOW = "news items below this line";
    private static final String ABOVE = "news items above this line";

    /** Private-use stand-ins for characters inside {@code <nowiki>}, restored in output. */
    static final String NOWIKI_SPECIALS = "[]{}'<&|*;:#=";

    static final char NOWIKI_BASE = '\uE000';

    final List<String> lines = new ArrayList<>();
    final List<Integer> lineNumbers = new ArrayList<>();

    // Searches for a closing token that failed once fail for every later start too: remember
    // where, so that a page of a million unclosed tags stays linear.
    private final java.util.Map<String, Integer> missingFrom = new java.util.HashMap<>();

    /** End of the news region: searches for closing tokens stop here. */
    private int end;

    /** Index where the wikitext line being cleaned starts, for problem columns. */
    private int lineStartIndex;

    private PageText() {}

    static PageText of(String wikitext, ProblemList problems) {
        PageText t = new PageText();
        int[] region = region(wikitext, problems);
        t.end = region[1];
        t.clean(wikitext, region[0], region[1], problems);
        return t;
    }

    /** [start, end) of the news between the markers, or of the whole page without them. */
    static int[] region(String s, ProblemList problems) {
        int start = 0;
        int end = s.length();
        int below = indexOfMarker(s, BELOW, 0);
        if (below >= 0) {
            int close = s.indexOf("-->", below);
            if (close >= 0) {
                start = close + 3;
            } else {
                int nl = s.indexOf('\n', below);
                start = nl < 0 ? s.length() : nl + 1;
            }
        }
        int above = indexOfMarker(s, ABOVE, start);
        if (above >= 0) {
            int open = s.lastIndexOf("<!--", above);
            end = open >= start ? open : above;
        } else if (below >= 0) {
            problems.add(
                    lineOf(s, below), 1, "no \"All news items above this line\" marker: read to the end of the page");
        }
        return new int[] {start, end};
    }

    /** Skips of the Boyer-Moore-Horspool search for each marker, by ASCII character. */
    private static final int[] BELOW_SHIFTS = shifts(BELOW);

    private static final int[] ABOVE_SHIFTS = shifts(ABOVE);

    private static int[] shifts(String needle) {
        int[] shift = new int[128];
        java.util.Arrays.fill(shift, needle.length());
        for (int k = 0; k < needle.length() - 1; k++) {
            shift[needle.charAt(k)] = needle.length() - 1 - k;
            shift[Character.toUpperCase(needle.charAt(k))] = needle.length() - 1 - k;
        }
        return shift;
    }

    /**
     * {@link #indexOfIgnoreCase} for a marker (lower-case ASCII), skipping ahead as
     * Boyer-Moore-Horspool does: the markers are looked for in the whole page of every
     * revision, so this search is most of what reading the page costs after the lines.
     */
    static int indexOfMarker(String s, String marker, int from) {
        int[] shift = marker == BELOW ? BELOW_SHIFTS : marker == ABOVE ? ABOVE_SHIFTS : shifts(marker);
        int m = marker.length();
        char last = marker.charAt(m - 1);
        for (int i = Math.max(0, from), limit = s.length() - m; i <= limit; ) {
            char c = s.charAt(i + m - 1);
            if (c >= 128) {
                // a non-ASCII character may still fold to the needle's: check, and move by one
                if (s.regionMatches(true, i, marker, 0, m)) {
                    return i;
                }
                i++;
                continue;
            }
            if ((c == last || c == Character.toUpperCase(last)) && s.regionMatches(true, i, marker, 0, m)) {
                return i;
            }
            i += shift[c];
        }
        return -1;
    }

    private void clean(String s, int start, int end, ProblemList problems) {
        StringBuilder line = new StringBuilder(128);
        int lineNo = lineOf(s, start);
        int lineStart = lineNo;
        lineStartIndex = s.lastIndexOf('\n', start - 1) + 1;
        int i = start;
        int run = start; // the first character not yet copied into the line
        int nl = -1;
        int lt = -1;
        boolean noMoreTags = false;
        // copies runs between '<' and '\n' in bulk, found with indexOf: this loop sees every
        // character of every revision, and most characters are plain text
        while (i < end) {
            if (nl < i) {
                nl = s.indexOf('\n', i);
                nl = nl < 0 || nl > end ? end : nl;
            }
            if (!noMoreTags && lt < i) {
                lt = s.indexOf('<', i);
                noMoreTags = lt < 0 || lt >= end;
            }
            if (!noMoreTags && lt < nl) {
                line.append(s, run, lt);
                int skip = tag(s, lt, end, line, lineNo, problems);
                if (skip > lt) {
                    int newlines = count(s, lt, skip, '\n');
                    if (newlines > 0) {
                        lineNo += newlines;
                        lineStartIndex = s.lastIndexOf('\n', skip - 1) + 1;
                    }
                    i = skip;
                } else {
                    line.append('<');
                    i = lt + 1;
                }
                run = i;
            } else if (nl < end) {
                endLine(line, s, run, nl, lineStart);
                lineNo++;
                lineStart = lineNo;
                i = nl + 1;
                run = i;
                lineStartIndex = i;
            } else {
                i = end;
            }
        }
        endLine(line, s, run, end, lineStart);
    }

    private void endLine(StringBuilder line, String s, int from, int to, int lineNo) {
        if (line.length() == 0) {
            lines.add(s.substring(from, to));
        } else {
            lines.add(line.append(s, from, to).toString());
            line.setLength(0);
        }
        lineNumbers.add(lineNo);
    }

    /**
     * Handles a construct starting with '<' at i: returns the index after it when it was
     * removed or rewritten into {@code line}, or i when it is ordinary text.
     */
    private int tag(String s, int i, int end, StringBuilder line, int lineNo, ProblemList problems) {
        int column = i - lineStartIndex + 1;
        if (s.startsWith("<!--", i)) {
            int close = find(s, "-->", i + 4);
            if (close >= 0) {
                return close + 3;
            }
            // MediaWiki hides everything after an unclosed comment. Here it hides only the rest
            // of its line, so that one stray "<!--" cannot silently drop every later event.
            problems.add(lineNo, column, "unclosed <!-- comment: hidden to the end of its line only");
            int nl = s.indexOf('\n', i);
            return nl < 0 || nl > end ? end : nl;
        }
        String name = tagName(s, i + 1, end);
        if (name == null) {
            return i;
        }
        int gt = find(s, ">", i);
        if (gt < 0) {
            return i;
        }
        boolean selfClosing = s.charAt(gt - 1) == '/';
        if (HtmlTags.dropsContent(name)) {
            // <ref>, <gallery> and the like are extension tags: MediaWiki takes them out, with
            // everything up to their end tag, before it reads lines (so they may span lines)
            if (selfClosing) {
                return gt + 1;
            }
            int close = find(s, "</" + name, gt + 1);
            if (close >= 0) {
                int closeGt = find(s, ">", close);
                return closeGt < 0 ? end : closeGt + 1;
            }
            problems.add(lineNo, column, "unclosed <" + name + ">: tag dropped, text after it kept");
            return gt + 1;
        }
        switch (name) {
            case "nowiki":
                if (selfClosing) {
                    return gt + 1;
                }
                int nclose = find(s, "</nowiki", gt + 1);
                int contentEnd = nclose >= 0 ? nclose : end;
                for (int k = gt + 1; k < contentEnd; k++) {
                    line.append(protect(s.charAt(k)));
                }
                if (nclose < 0) {
                    return end;
                }
                int ngt = find(s, ">", nclose);
                return ngt < 0 ? end : ngt + 1;
            case "noinclude":
            case "onlyinclude":
            case "/noinclude":
            case "/onlyinclude":
            case "/nowiki":
                return gt + 1;
            default:
                return name.startsWith("/") && HtmlTags.dropsContent(name.substring(1)) ? gt + 1 : i;
        }
    }

    /**
     * Case-insensitive search for {@code needle} wholly inside [from, end of the region), that
     * remembers failures (see {@link #missingFrom}). Bounded by the region so that a closer
     * beyond it (the "-->" of the closing marker) is not searched for again and again.
     */
    private int find(String s, String needle, int from) {
        Integer missing = missingFrom.get(needle);
        if (missing != null && from >= missing) {
            return -1;
        }
        int at = indexOfIgnoreCase(s, needle, from, end);
        if (at < 0) {
            missingFrom.put(needle, from);
        }
        return at;
    }

    /** The lower-case tag name at i (after '<'), with a leading '/' for end tags, or null. */
    private static String tagName(String s, int i, int end) {
        int j = i;
        if (j < end && s.charAt(j) == '/') {
            j++;
        }
        int k = j;
        while (k < end && k - j < 12 && Character.isLetter(s.charAt(k))) {
            k++;
        }
        if (k == j || k >= end) {
            return null;
        }
        char after = s.charAt(k);
        if (!(after == '>' || after == '/' || Character.isWhitespace(after))) {
            return null;
        }
        String name = s.substring(j, k).toLowerCase(java.util.Locale.ROOT);
        return j > i ? "/" + name : name;
    }

    private static char protect(char c) {
        int k = NOWIKI_SPECIALS.indexOf(c);
        return k < 0 ? c : (char) (NOWIKI_BASE + k);
    }

    static int lineOf(String s, int index) {
        return 1 + count(s, 0, Math.min(index, s.length()), '\n');
    }

    private static int count(String s, int from, int to, char c) {
        int n = 0;
        for (int k = from; k < to; k++) {
            if (s.charAt(k) == c) {
                n++;
            }
        }
        return n;
    }

    static int indexOfIgnoreCase(String s, String needle, int from) {
        return indexOfIgnoreCase(s, needle, from, s.length());
    }

    /** The first index of {@code needle} (any case) in [from, to), wholly inside it, or -1. */
    static int indexOfIgnoreCase(String s, String needle, int from, int to) {
        int n = needle.length();
        char first = needle.charAt(0);
        char firstUpper = Character.toUpperCase(first);
        for (int i = Math.max(0, from), last = Math.min(s.length(), to) - n; i <= last; i++) {
            char c = s.charAt(i);
            if ((c == first || c == firstUpper) && s.regionMatches(true, i, needle, 0, n)) {
                return i;
            }
        }
        return -1;
    }
}
