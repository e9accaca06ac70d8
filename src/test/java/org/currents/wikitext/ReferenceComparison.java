package org.currents.wikitext;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.currents.model.ParsedEvent;
import org.currents.model.Source;

/**
 * Pairs the events currents reads off one page with the reference extraction's and lists
 * where they disagree. Fields are normalised as {@code ../shared/tools/compare.py} does:
 * whitespace collapsed; link targets with {@code _} as space and the first letter upper case;
 * links and sources compared as sorted lists.
 */
final class ReferenceComparison {

    /** One event of the reference extraction. */
    record RefEvent(String category, List<String> path, String text, List<String> links, List<Source> sources) {}

    /**
     * One field on which currents and the reference disagree.
     *
     * @param page the page's file name without {@code .wiki}
     * @param event which event: {@code #N} and the first words of its text (currents'
     *     position; {@code ref #N} for an event only the reference has)
     * @param field {@code text}, {@code links}, {@code sources}, {@code category}, {@code path}
     *     or {@code event} (an event only one side has)
     * @param currents what currents has (for lists: the items only currents has)
     * @param reference what the reference has
     */
    record Disagreement(String page, String event, String field, String currents, String reference) {
        /** This disagreement as a row of the known-differences table, less the reason. */
        String row() {
            return "| " + String.join(" | ", cell(page), cell(event), cell(field), cell(currents), cell(reference))
                    + " |";
        }
    }

    /** How well one page agrees. */
    record PageAgreement(
            String page,
            int referenceEvents,
            int currentsEvents,
            int unsourced,
            int pairedByText,
            int pairedByUrl,
            int textAgrees,
            int linksAgree,
            int sourcesAgree,
            int categoryAgrees,
            int pathAgrees,
            int problems,
            List<Disagreement> disagreements) {
        int paired() {
            return pairedByText + pairedByUrl;
        }
    }

    private ReferenceComparison() {}

    static PageAgreement compare(String page, ParseResult result, List<RefEvent> reference) {
        List<ParsedEvent> ours = result.events();
        int[] pairOfRef = new int[reference.size()];
        Arrays.fill(pairOfRef, -1);
        boolean[] used = new boolean[ours.size()];
        int byText = 0;
        int byUrl = 0;
        // by text first: two events may cite the same URL (2017 May 5: Fox News twice)
        for (int r = 0; r < reference.size(); r++) {
            String text = ws(reference.get(r).text());
            for (int c = 0; c < ours.size(); c++) {
                if (!used[c] && ws(ours.get(c).text()).equals(text)) {
                    pairOfRef[r] = c;
                    used[c] = true;
                    byText++;
                    break;
                }
            }
        }
        for (int r = 0; r < reference.size(); r++) {
            if (pairOfRef[r] >= 0) {
                continue;
            }
            for (int c = 0; c < ours.size() && pairOfRef[r] < 0; c++) {
                if (!used[c] && shareUrl(ours.get(c).sources(), reference.get(r).sources())) {
                    pairOfRef[r] = c;
                    used[c] = true;
                    byUrl++;
                }
            }
        }
        List<Disagreement> out = new ArrayList<>();
        int[] agree = new int[5];
        for (int r = 0; r < reference.size(); r++) {
            RefEvent ref = reference.get(r);
            if (pairOfRef[r] < 0) {
                out.add(new Disagreement(page, "ref #" + (r + 1) + " " + words(ref.text()), "event", "none", "event"));
                continue;
            }
            ParsedEvent e = ours.get(pairOfRef[r]);
            String event = "#" + e.position() + " " + words(e.text());
            fieldText(page, event, ws(e.text()), ws(ref.text()), out, agree, 0);
            fieldList(page, event, "links", sorted(links(e.links())), sorted(links(ref.links())), out, agree, 1);
            fieldList(
                    page,
                    event,
                    "sources",
                    sorted(sources(e.sources())),
                    sorted(sources(ref.sources())),
                    out,
                    agree,
                    2);
            fieldText(page, event, "category", ws(e.category()), ws(ref.category()), out, agree, 3);
            fieldList(page, event, "path", wsAll(e.stories()), wsAll(ref.path()), out, agree, 4);
        }
        int unsourced = 0;
        for (int c = 0; c < ours.size(); c++) {
            ParsedEvent e = ours.get(c);
            unsourced += e.unsourced() ? 1 : 0;
            if (!used[c]) {
                out.add(new Disagreement(
                        page,
                        "#" + e.position() + " " + words(e.text()),
                        "event",
                        e.unsourced() ? "unsourced event" : "event",
                        "none"));
            }
        }
        return new PageAgreement(
                page,
                reference.size(),
                ours.size(),
                unsourced,
                byText,
                byUrl,
                agree[0],
                agree[1],
                agree[2],
                agree[3],
                agree[4],
                result.problemCount(),
                out);
    }

    private static void fieldText(
            String page, String event, String ours, String ref, List<Disagreement> out, int[] agree, int k) {
        fieldText(page, event, "text", ours, ref, out, agree, k);
    }

    private static void fieldText(
            String page,
            String event,
            String field,
            String ours,
            String ref,
            List<Disagreement> out,
            int[] agree,
            int k) {
        if (ours.equals(ref)) {
            agree[k]++;
            return;
        }
        String[] d = field.equals("text") ? middle(ours, ref) : new String[] {ours, ref};
        out.add(new Disagreement(page, event, field, d[0], d[1]));
    }

    private static void fieldList(
            String page,
            String event,
            String field,
            List<String> ours,
            List<String> ref,
            List<Disagreement> out,
            int[] agree,
            int k) {
        if (ours.equals(ref)) {
            agree[k]++;
            return;
        }
        List<String> onlyOurs = minus(ours, ref);
        List<String> onlyRef = minus(ref, ours);
        if (onlyOurs.isEmpty() && onlyRef.isEmpty()) {
            onlyOurs = ours; // same items in another order
            onlyRef = ref;
        }
        out.add(new Disagreement(page, event, field, String.join("; ", onlyOurs), String.join("; ", onlyRef)));
    }

    /**
     * The differing middle of two texts, widened to whole words: "Mw 6.9" against "" for "A Mw
     * 6.9 earthquake" and "A earthquake".
     */
    static String[] middle(String a, String b) {
        int p = 0;
        while (p < a.length() && p < b.length() && a.charAt(p) == b.charAt(p)) {
            p++;
        }
        int s = 0;
        while (s < a.length() - p
                && s < b.length() - p
                && a.charAt(a.length() - 1 - s) == b.charAt(b.length() - 1 - s)) {
            s++;
        }
        while (p > 0 && a.charAt(p - 1) != ' ') {
            p--;
        }
        while (s > 0 && !wordStart(a, a.length() - s) && !(spaceBefore(a, s) && spaceBefore(b, s))) {
            s--;
        }
        return new String[] {
            a.substring(p, a.length() - s).strip(),
            b.substring(p, b.length() - s).strip()
        };
    }

    private static boolean wordStart(String x, int i) {
        return x.charAt(i) == ' ';
    }

    private static boolean spaceBefore(String x, int s) {
        int i = x.length() - s - 1;
        return i >= 0 && x.charAt(i) == ' ';
    }

    private static List<String> minus(List<String> a, List<String> b) {
        List<String> rest = new ArrayList<>(b);
        List<String> out = new ArrayList<>();
        for (String x : a) {
            if (!rest.remove(x)) {
                out.add(x);
            }
        }
        return out;
    }

    private static boolean shareUrl(List<Source> a, List<Source> b) {
        for (Source x : a) {
            for (Source y : b) {
                if (ws(x.url()).equals(ws(y.url()))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whitespace collapsed and trimmed, as compare.py's {@code ws}. */
    static String ws(String s) {
        return String.join(" ", s.strip().split("\\s+")).strip();
    }

    /** A link target as compare.py's {@code nlink}: {@code _} as space, first letter upper. */
    static String link(String target) {
        String t = ws(target.replace('_', ' '));
        return t.isEmpty() ? t : t.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + t.substring(1);
    }

    private static List<String> links(List<String> targets) {
        List<String> out = new ArrayList<>();
        targets.forEach(t -> out.add(link(t)));
        return out;
    }

    private static List<String> sources(List<Source> sources) {
        List<String> out = new ArrayList<>();
        sources.forEach(s -> out.add(ws(s.url()) + " \"" + ws(s.outlet()) + "\""));
        return out;
    }

    private static List<String> wsAll(List<String> items) {
        List<String> out = new ArrayList<>();
        items.forEach(s -> out.add(ws(s)));
        return out;
    }

    private static List<String> sorted(List<String> items) {
        List<String> out = new ArrayList<>(items);
        Collections.sort(out);
        return out;
    }

    /** The first six words of a text, to name an event in a table. */
    private static String words(String text) {
        String[] w = ws(text).split(" ");
        return w.length <= 6 ? ws(text) : String.join(" ", Arrays.copyOf(w, 6)) + "…";
    }

    /**
     * A Markdown table cell: {@code |} and {@code \} escaped with a backslash, invisible and
     * control characters as {@code \}{@code uXXXX}.
     */
    static String cell(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '|' || c == '\\') {
                out.append('\\').append(c);
            } else if (Character.isISOControl(c) || Text.isInvisible(c) || Character.getType(c) == Character.FORMAT) {
                out.append(String.format("\\u%04X", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** The cells of one table row, split at unescaped {@code |}, still escaped as {@link #cell} writes them. */
    static List<String> cells(String row) {
        List<String> out = new ArrayList<>();
        String r = row.strip();
        StringBuilder cur = null;
        for (int i = 0; i < r.length(); i++) {
            char c = r.charAt(i);
            if (c == '\\' && i + 1 < r.length() && (r.charAt(i + 1) == '|' || r.charAt(i + 1) == '\\')) {
                Objects.requireNonNull(cur, "row starts with an escape")
                        .append('\\')
                        .append(r.charAt(++i));
            } else if (c == '|') {
                if (cur != null) {
                    out.add(cur.toString().strip());
                }
                cur = new StringBuilder();
            } else if (cur != null) {
                cur.append(c);
            }
        }
        return out;
    }
}
