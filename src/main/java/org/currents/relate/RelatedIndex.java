package org.currents.relate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Related events through an inverted index from context to events (never by comparing all
 * pairs): another event is related when it shares a context; rank by the number of shared
 * contexts, then newest day first, then page position; the top {@link #LIMIT}.
 *
 * <p>Very common contexts (a country linked by thousands of events) would make exact counting
 * quadratic. A context shared by more than {@link #COMMON} events is "common": its events are
 * scanned only newest first and only up to {@link #COMMON_SCAN} of them, so an event that
 * shares nothing but common contexts with the query is found only among the newest events of
 * those contexts. Shared counts of every candidate found are always exact.
 */
public final class RelatedIndex {
    /** Related events listed per event (SPEC.md). */
    public static final int LIMIT = 5;
    /** Events in a context above which it is scanned partially. */
    public static final int COMMON = 2000;
    /** How many of a common context's newest events are scanned. */
    public static final int COMMON_SCAN = 500;

    /**
     * What the index needs of an event.
     *
     * @param id event id
     * @param day its day
     * @param position its position on the day page
     * @param contextKeys its context keys
     * @param eligible whether it may be listed as a related event (sourced and current)
     */
    public record Entry(String id, LocalDate day, int position, List<String> contextKeys, boolean eligible) {
        public Entry {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(day, "day");
            contextKeys = List.copyOf(contextKeys);
        }
    }

    /**
     * A related event.
     *
     * @param id its event id
     * @param shared the context keys both share, sorted
     */
    public record Related(String id, List<String> shared) {}

    private final Entry[] entries;
    private final Map<String, Integer> index = new HashMap<>();
    private final Map<String, int[]> postings = new HashMap<>();

    private RelatedIndex(List<Entry> all) {
        // rank order: newest day first, then page position; postings keep it
        entries = all.toArray(new Entry[0]);
        Arrays.sort(
                entries,
                Comparator.comparing(Entry::day)
                        .reversed()
                        .thenComparingInt(Entry::position)
                        .thenComparing(Entry::id));
        Map<String, List<Integer>> lists = new HashMap<>();
        for (int k = 0; k < entries.length; k++) {
            index.put(entries[k].id, k);
            if (!entries[k].eligible) {
                continue;
            }
            for (String key : entries[k].contextKeys) {
                lists.computeIfAbsent(key, x -> new ArrayList<>()).add(k);
            }
        }
        for (Map.Entry<String, List<Integer>> e : lists.entrySet()) {
            postings.put(
                    e.getKey(),
                    e.getValue().stream().mapToInt(Integer::intValue).toArray());
        }
    }

    /** Builds the index over {@code entries}. */
    public static RelatedIndex of(List<Entry> entries) {
        return new RelatedIndex(entries);
    }

    /** The events related to event {@code id}, best first; empty for an unknown id. */
    public List<Related> relatedTo(String id) {
        Integer self = index.get(id);
        if (self == null) {
            return List.of();
        }
        Entry e = entries[self];
        Map<Integer, Integer> counts = new HashMap<>();
        for (String key : e.contextKeys) {
            int[] p = postings.get(key);
            if (p == null) {
                continue;
            }
            int limit = p.length > COMMON ? Math.min(p.length, COMMON_SCAN) : p.length;
            for (int k = 0; k < limit; k++) {
                if (p[k] != self) {
                    counts.merge(p[k], 1, Integer::sum);
                }
            }
        }
        // candidates reached only through part of a common context may share more: count exactly
        List<int[]> ranked = new ArrayList<>(counts.size());
        for (Map.Entry<Integer, Integer> c : counts.entrySet()) {
            int shared = c.getValue();
            if (shared < e.contextKeys.size()) {
                shared = sharedCount(e, entries[c.getKey()]);
            }
            ranked.add(new int[] {c.getKey(), shared});
        }
        ranked.sort((a, b) -> a[1] != b[1] ? Integer.compare(b[1], a[1]) : Integer.compare(a[0], b[0]));
        List<Related> out = new ArrayList<>(LIMIT);
        for (int k = 0; k < ranked.size() && out.size() < LIMIT; k++) {
            Entry other = entries[ranked.get(k)[0]];
            out.add(new Related(other.id, shared(e, other)));
        }
        return out;
    }

    private static int sharedCount(Entry a, Entry b) {
        int n = 0;
        for (String k : a.contextKeys) {
            if (b.contextKeys.contains(k)) {
                n++;
            }
        }
        return n;
    }

    private static List<String> shared(Entry a, Entry b) {
        List<String> out = new ArrayList<>();
        for (String k : a.contextKeys) {
            if (b.contextKeys.contains(k)) {
                out.add(k);
            }
        }
        out.sort(null);
        return out;
    }
}
