package org.currents.relate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
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
 * <p>Very common contexts (a country linked by thousands of events) would make counting
 * quadratic. A context with more than {@link #COMMON} events is "common": its events are only
 * scanned newest first, up to {@link #COMMON_SCAN} of them, to find candidates; whether a
 * candidate has a common context is then a bit lookup. So the shared count of every candidate
 * is exact, and an event that shares nothing but common contexts with the query is found only
 * among the newest events of those contexts.
 *
 * <p>Thread-safe: {@link #relatedTo} reuses one counting array per thread (a build relates
 * events on several threads).
 */
public final class RelatedIndex {
    /** Related events listed per event (SPEC.md). */
    public static final int LIMIT = 5;
    /** Events in a context above which it is scanned partially. */
    public static final int COMMON = 500;
    /** How many of a common context's newest events are scanned. */
    public static final int COMMON_SCAN = 250;

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
    private final String[] keys;
    /** Each entry's context ids, sorted. */
    private final int[][] contexts;
    /** Eligible entries per context id, in rank order (newest day, then position). */
    private final int[][] postings;
    /** For common contexts only: which entries have them. */
    private final BitSet[] members;

    /** Per thread: a count per event (all zero between calls), then the events counted. */
    private final ThreadLocal<int[][]> scratch;

    private RelatedIndex(List<Entry> all) {
        entries = all.toArray(new Entry[0]);
        Arrays.sort(
                entries,
                Comparator.comparing(Entry::day)
                        .reversed()
                        .thenComparingInt(Entry::position)
                        .thenComparing(Entry::id));
        Map<String, Integer> ids = new HashMap<>();
        List<String> names = new ArrayList<>();
        contexts = new int[entries.length][];
        int[] sizes = new int[16];
        for (int k = 0; k < entries.length; k++) {
            index.put(entries[k].id, k);
            List<String> ks = entries[k].contextKeys;
            int[] c = new int[ks.size()];
            for (int i = 0; i < c.length; i++) {
                Integer id = ids.get(ks.get(i));
                if (id == null) {
                    id = names.size();
                    ids.put(ks.get(i), id);
                    names.add(ks.get(i));
                }
                c[i] = id;
                if (entries[k].eligible) {
                    if (id >= sizes.length) {
                        sizes = Arrays.copyOf(sizes, Math.max(id + 1, sizes.length * 2));
                    }
                    sizes[id]++;
                }
            }
            Arrays.sort(c);
            contexts[k] = dedupe(c);
        }
        keys = names.toArray(new String[0]);
        postings = new int[keys.length][];
        members = new BitSet[keys.length];
        int[] fill = new int[keys.length];
        for (int id = 0; id < keys.length; id++) {
            int n = id < sizes.length ? sizes[id] : 0;
            postings[id] = new int[n];
            if (n > COMMON) {
                members[id] = new BitSet(entries.length);
            }
        }
        for (int k = 0; k < entries.length; k++) {
            if (!entries[k].eligible) {
                continue;
            }
            for (int id : contexts[k]) {
                postings[id][fill[id]++] = k;
                if (members[id] != null) {
                    members[id].set(k);
                }
            }
        }
        int size = entries.length;
        scratch = ThreadLocal.withInitial(() -> new int[][] {new int[size], new int[size]});
    }

    private static int[] dedupe(int[] sorted) {
        int n = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                sorted[n++] = sorted[i];
            }
        }
        return n == sorted.length ? sorted : Arrays.copyOf(sorted, n);
    }

    /** Builds the index over {@code entries}. */
    public static RelatedIndex of(List<Entry> entries) {
        return new RelatedIndex(entries);
    }

    /** The events related to event {@code id}, best first; empty for an unknown id. */
    public List<Related> relatedTo(String id) {
        Integer found = index.get(id);
        if (found == null) {
            return List.of();
        }
        int self = found;
        int[][] mineScratch = scratch.get();
        int[] counts = mineScratch[0];
        int[] touched = mineScratch[1];
        int n = 0;
        int[] mine = contexts[self];
        for (int c : mine) {
            int[] p = postings[c];
            boolean common = members[c] != null;
            int limit = common ? Math.min(p.length, COMMON_SCAN) : p.length;
            for (int k = 0; k < limit; k++) {
                int j = p[k];
                if (j == self) {
                    continue;
                }
                if (counts[j] == 0) {
                    touched[n++] = j;
                }
                // a common context only finds candidates; its count comes from the bit below
                counts[j] += common ? 0x10000 : 1;
            }
        }
        int[] best = new int[LIMIT];
        int[] bestCount = new int[LIMIT];
        int kept = 0;
        for (int t = 0; t < n; t++) {
            int j = touched[t];
            int count = counts[j] & 0xFFFF;
            counts[j] = 0;
            for (int c : mine) {
                if (members[c] != null && members[c].get(j)) {
                    count++;
                }
            }
            // keep the best LIMIT by (count desc, rank asc): a small insertion
            int pos = kept;
            while (pos > 0 && (bestCount[pos - 1] < count || (bestCount[pos - 1] == count && best[pos - 1] > j))) {
                pos--;
            }
            if (pos < LIMIT) {
                int last = Math.min(kept, LIMIT - 1);
                System.arraycopy(best, pos, best, pos + 1, last - pos);
                System.arraycopy(bestCount, pos, bestCount, pos + 1, last - pos);
                best[pos] = j;
                bestCount[pos] = count;
                kept = Math.min(kept + 1, LIMIT);
            }
        }
        List<Related> out = new ArrayList<>(kept);
        for (int k = 0; k < kept; k++) {
            out.add(new Related(entries[best[k]].id, shared(mine, contexts[best[k]])));
        }
        return out;
    }

    private List<String> shared(int[] a, int[] b) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.length && j < b.length) {
            if (a[i] == b[j]) {
                out.add(keys[a[i]]);
                i++;
                j++;
            } else if (a[i] < b[j]) {
                i++;
            } else {
                j++;
            }
        }
        out.sort(null);
        return out;
    }
}
