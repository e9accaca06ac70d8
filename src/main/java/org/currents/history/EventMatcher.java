package org.currents.history;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.currents.model.ParsedEvent;
import org.currents.model.Source;

/**
 * Decides which events of a revision are which events of the revision before it.
 *
 * <p>Three passes, each matching an event at most once: identical text (in page order, so two
 * identical bullets keep their own identities), then shared cited URLs (best overlap first),
 * then text similarity at or above {@link #SIMILARITY_THRESHOLD} (best first). A story bullet
 * turned into a prefix ("Topic: text") or nested back compares by the text after the prefix.
 */
final class EventMatcher {
    /**
     * Dice coefficient of the two texts' word sets at or above which two events are one. Chosen
     * on the generator's revision streams: rewording a few words of a 20-40 word event keeps it
     * above 0.7, while different events of one day share only function words (0.1-0.35).
     */
    static final double SIMILARITY_THRESHOLD = 0.5;

    private EventMatcher() {}

    /** One candidate from before: an event id and its content. */
    record Candidate(String eventId, ParsedEvent content) {}

    /**
     * Matches {@code current} against {@code previous}.
     *
     * @return for each current event, the matched candidate's event id, or null when it is new
     */
    static String[] match(List<Candidate> previous, List<ParsedEvent> current) {
        String[] out = new String[current.size()];
        boolean[] used = new boolean[previous.size()];
        exactText(previous, current, out, used, false);
        exactText(previous, current, out, used, true);
        sharedUrls(previous, current, out, used);
        similarText(previous, current, out, used);
        return out;
    }

    private static void exactText(
            List<Candidate> prev, List<ParsedEvent> curr, String[] out, boolean[] used, boolean core) {
        Map<String, Deque<Integer>> byText = new HashMap<>();
        for (int j = 0; j < prev.size(); j++) {
            if (!used[j]) {
                String t = core
                        ? core(prev.get(j).content().text())
                        : prev.get(j).content().text();
                byText.computeIfAbsent(t, k -> new ArrayDeque<>()).add(j);
            }
        }
        for (int i = 0; i < curr.size(); i++) {
            if (out[i] != null) {
                continue;
            }
            Deque<Integer> q =
                    byText.get(core ? core(curr.get(i).text()) : curr.get(i).text());
            if (q != null && !q.isEmpty()) {
                int j = q.poll();
                used[j] = true;
                out[i] = prev.get(j).eventId();
            }
        }
    }

    private record Pair(int i, int j, double score) {}

    private static void sharedUrls(List<Candidate> prev, List<ParsedEvent> curr, String[] out, boolean[] used) {
        Map<String, List<Integer>> byUrl = new HashMap<>();
        for (int j = 0; j < prev.size(); j++) {
            if (!used[j]) {
                for (Source s : prev.get(j).content().sources()) {
                    byUrl.computeIfAbsent(s.url(), k -> new ArrayList<>(1)).add(j);
                }
            }
        }
        if (byUrl.isEmpty()) {
            return;
        }
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < curr.size(); i++) {
            if (out[i] != null) {
                continue;
            }
            Set<Integer> seen = new HashSet<>();
            for (Source s : curr.get(i).sources()) {
                for (int j : byUrl.getOrDefault(s.url(), List.of())) {
                    if (seen.add(j)) {
                        double overlap = urlOverlap(curr.get(i), prev.get(j).content());
                        // text similarity breaks ties between events citing the same article
                        double text = similarity(
                                words(curr.get(i).text()),
                                words(prev.get(j).content().text()));
                        pairs.add(new Pair(i, j, overlap + 0.5 * text));
                    }
                }
            }
        }
        assign(pairs, prev, out, used);
    }

    private static double urlOverlap(ParsedEvent a, ParsedEvent b) {
        Set<String> ua = new HashSet<>();
        a.sources().forEach(s -> ua.add(s.url()));
        Set<String> ub = new HashSet<>();
        b.sources().forEach(s -> ub.add(s.url()));
        int shared = 0;
        for (String u : ua) {
            if (ub.contains(u)) {
                shared++;
            }
        }
        return shared / (double) (ua.size() + ub.size() - shared);
    }

    private static void similarText(List<Candidate> prev, List<ParsedEvent> curr, String[] out, boolean[] used) {
        // an inverted index on words keeps this near-linear: only pairs sharing a word are scored
        Map<String, List<Integer>> byWord = new HashMap<>();
        List<Set<String>> prevWords = new ArrayList<>(prev.size());
        for (int j = 0; j < prev.size(); j++) {
            Set<String> w =
                    used[j] ? Set.of() : words(core(prev.get(j).content().text()));
            prevWords.add(w);
            for (String word : w) {
                byWord.computeIfAbsent(word, k -> new ArrayList<>()).add(j);
            }
        }
        if (byWord.isEmpty()) {
            return;
        }
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < curr.size(); i++) {
            if (out[i] != null) {
                continue;
            }
            Set<String> wi = words(core(curr.get(i).text()));
            Map<Integer, Integer> shared = new HashMap<>();
            for (String word : wi) {
                List<Integer> js = byWord.get(word);
                if (js != null && js.size() <= 200) {
                    for (int j : js) {
                        shared.merge(j, 1, Integer::sum);
                    }
                }
            }
            for (Map.Entry<Integer, Integer> e : shared.entrySet()) {
                int j = e.getKey();
                double dice = 2.0 * e.getValue() / (wi.size() + prevWords.get(j).size());
                if (dice >= SIMILARITY_THRESHOLD) {
                    pairs.add(new Pair(i, j, dice));
                }
            }
        }
        assign(pairs, prev, out, used);
    }

    private static void assign(List<Pair> pairs, List<Candidate> prev, String[] out, boolean[] used) {
        pairs.sort((a, b) -> {
            int c = Double.compare(b.score, a.score);
            if (c != 0) {
                return c;
            }
            // equal scores: keep page order, the nearest first
            c = Integer.compare(Math.abs(a.i - a.j), Math.abs(b.i - b.j));
            return c != 0 ? c : Integer.compare(a.i, b.i);
        });
        for (Pair p : pairs) {
            if (out[p.i] == null && !used[p.j]) {
                out[p.i] = prev.get(p.j).eventId();
                used[p.j] = true;
            }
        }
    }

    /** The text after a leading "Topic: " prefix (a story turned into a prefix), else the text. */
    static String core(String text) {
        int colon = text.indexOf(": ");
        if (colon > 0 && colon <= 100 && text.substring(0, colon).indexOf('.') < 0) {
            return text.substring(colon + 2);
        }
        return text;
    }

    static double similarity(Set<String> a, Set<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return 0;
        }
        int shared = 0;
        for (String w : a) {
            if (b.contains(w)) {
                shared++;
            }
        }
        return 2.0 * shared / (a.size() + b.size());
    }

    /** Lower-case words of two or more letters or digits. */
    static Set<String> words(String text) {
        Set<String> out = new HashSet<>();
        int start = -1;
        for (int k = 0; k <= text.length(); k++) {
            boolean letter = k < text.length() && Character.isLetterOrDigit(text.charAt(k));
            if (letter && start < 0) {
                start = k;
            } else if (!letter && start >= 0) {
                if (k - start >= 2) {
                    out.add(text.substring(start, k).toLowerCase(Locale.ROOT));
                }
                start = -1;
            }
        }
        return out;
    }
}
