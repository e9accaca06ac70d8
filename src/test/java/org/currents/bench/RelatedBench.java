package org.currents.bench;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.currents.relate.RelatedIndex;

/**
 * Benchmark: related events for N synthetic events whose contexts follow a Zipf-like law (a few
 * countries in thousands of events, many stories in a handful), as on the real portal.
 *
 * <p>Run: {@code java -cp target/classes:target/test-classes org.currents.bench.RelatedBench 200000}
 */
public final class RelatedBench {
    private RelatedBench() {}

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        Random r = new Random(42);
        List<RelatedIndex.Entry> entries = new ArrayList<>(n);
        LocalDate start = LocalDate.of(2002, 1, 1);
        int vocabulary = n / 2;
        for (int k = 0; k < n; k++) {
            int contexts = 3 + r.nextInt(6);
            List<String> keys = new ArrayList<>(contexts);
            for (int c = 0; c < contexts; c++) {
                // Zipf(1) over the vocabulary: rank = vocabulary^u
                int rank = (int) Math.pow(vocabulary, r.nextDouble());
                keys.add("context-" + rank);
            }
            entries.add(new RelatedIndex.Entry(
                    "e" + k, start.plusDays(k * 8500L / n), 1 + (k % 40), keys, r.nextInt(20) != 0));
        }
        long t0 = System.nanoTime();
        RelatedIndex index = RelatedIndex.of(entries);
        long t1 = System.nanoTime();
        long listed = 0;
        for (RelatedIndex.Entry e : entries) {
            listed += index.relatedTo(e.id()).size();
        }
        long t2 = System.nanoTime();
        Runtime rt = Runtime.getRuntime();
        System.out.printf(
                "events=%d index=%.2fs related=%.2fs total=%.2fs listed=%d heap_used=%dMB%n",
                n,
                (t1 - t0) / 1e9,
                (t2 - t1) / 1e9,
                (t2 - t0) / 1e9,
                listed,
                (rt.totalMemory() - rt.freeMemory()) >> 20);
    }
}
