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
 * <p>Exact, and never quadratic in a very common context (a country linked by thousands of
 * events): a context with more than {@link #COMMON} events is "common" and kept as a bit set of
 * its events in rank order. The events found through an event's rare contexts are counted from
 * the postings and the bit sets; those that share only common contexts are then found by walking
 * the bit sets a 64-bit word at a time, in rank order, looking only for counts that can still
 * enter the list, and stopping as soon as none can (a word of every common context is a few
 * operations, so even a full walk is about one pass of {@code events / 64} words each).
 *
 * <p>Thread-safe: {@link #relatedTo} reuses one counting array per thread (a build relates
 * events on several threads).
 */
public final class RelatedIndex {
    /** Related events listed per event (SPEC.md). */
    public static final int LIMIT = 5;
    /** Events in a context above which it is kept as a bit set rather than walked as a list. */
    public static final int COMMON = 500;

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
    /** For common contexts only: which entries have them, as bit words in rank order. */
    private final long[][] members;

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
            }
            Arrays.sort(c);
            contexts[k] = dedupe(c);
            if (entries[k].eligible) {
                // counted once per event: a key listed twice is one context
                for (int id : contexts[k]) {
                    if (id >= sizes.length) {
                        sizes = Arrays.copyOf(sizes, Math.max(id + 1, sizes.length * 2));
                    }
                    sizes[id]++;
                }
            }
        }
        keys = names.toArray(new String[0]);
        postings = new int[keys.length][];
        BitSet[] common = new BitSet[keys.length];
        int[] fill = new int[keys.length];
        for (int id = 0; id < keys.length; id++) {
            int n = id < sizes.length ? sizes[id] : 0;
            postings[id] = new int[n];
            if (n > COMMON) {
                common[id] = new BitSet(entries.length);
            }
        }
        for (int k = 0; k < entries.length; k++) {
            if (!entries[k].eligible) {
                continue;
            }
            for (int id : contexts[k]) {
                postings[id][fill[id]++] = k;
                if (common[id] != null) {
                    common[id].set(k);
                }
            }
        }
        members = new long[keys.length][];
        int words = (entries.length + 63) >>> 6;
        for (int id = 0; id < keys.length; id++) {
            if (common[id] != null) {
                members[id] = Arrays.copyOf(common[id].toLongArray(), words);
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
        int commonCount = 0;
        for (int c : mine) {
            if (members[c] != null) {
                commonCount++;
                continue; // walked below, a word at a time
            }
            for (int j : postings[c]) {
                if (j == self) {
                    continue;
                }
                if (counts[j] == 0) {
                    touched[n++] = j;
                }
                counts[j]++;
            }
        }
        long[][] common = new long[commonCount][];
        int m = 0;
        for (int c : mine) {
            if (members[c] != null) {
                common[m++] = members[c];
            }
        }
        Top top = new Top();
        // 1. the events sharing a rare context: counted exactly, common contexts by their bits
        for (int t = 0; t < n; t++) {
            int j = touched[t];
            int count = counts[j];
            for (long[] bits : common) {
                if ((bits[j >>> 6] & (1L << j)) != 0) {
                    count++;
                }
            }
            top.offer(j, count);
        }
        // 2. the events sharing only common contexts: in rank order, only counts that can enter
        if (m > 0) {
            int words = common[0].length;
            long[] atLeast = new long[m];
            for (int w = 0; w < words; w++) {
                int need = 1; // an event enters with this many common contexts
                if (top.full()) {
                    // past the last listed event's rank, a tie no longer enters
                    need = (w << 6) <= top.worstRank() ? top.worstCount() : top.worstCount() + 1;
                    if (need > m) {
                        break; // no event shares more than m common contexts: none can enter
                    }
                }
                // bits set in at least `need` of the common contexts' words
                Arrays.fill(atLeast, 0, need, 0L);
                for (long[] bits : common) {
                    long x = bits[w];
                    for (int k = need - 1; k > 0; k--) {
                        atLeast[k] |= atLeast[k - 1] & x;
                    }
                    atLeast[0] |= x;
                }
                long candidates = atLeast[need - 1];
                while (candidates != 0) {
                    int j = (w << 6) + Long.numberOfTrailingZeros(candidates);
                    candidates &= candidates - 1;
                    if (j == self || counts[j] != 0) {
                        continue; // itself, or counted in step 1
                    }
                    int count = 0;
                    for (long[] bits : common) {
                        if ((bits[w] & (1L << j)) != 0) {
                            count++;
                        }
                    }
                    top.offer(j, count);
                }
            }
        }
        for (int t = 0; t < n; t++) {
            counts[touched[t]] = 0;
        }
        List<Related> out = new ArrayList<>(top.kept);
        for (int k = 0; k < top.kept; k++) {
            out.add(new Related(entries[top.best[k]].id, shared(mine, contexts[top.best[k]])));
        }
        return out;
    }

    /** The best {@link #LIMIT} events offered, by shared count (most first), then rank. */
    private static final class Top {
        final int[] best = new int[LIMIT];
        final int[] bestCount = new int[LIMIT];
        int kept;

        boolean full() {
            return kept == LIMIT;
        }

        int worstCount() {
            return bestCount[kept - 1];
        }

        int worstRank() {
            return best[kept - 1];
        }

        void offer(int j, int count) {
            // a small insertion by (count desc, rank asc)
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
