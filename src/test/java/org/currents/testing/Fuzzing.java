package org.currents.testing;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the fuzz tests share: a bound on the time one input may take, and the figures of a run
 * (inputs, total and slowest time per target) printed when a property ends, for BENCHMARKS.md.
 *
 * <p>The number of inputs is jqwik's: the fuzz properties leave {@code tries} to {@code
 * jqwik.tries.default} (1000 unless told), so that the benchmark run raises it from the command
 * line ({@code -Djqwik.tries.default=250000}) and the test suite stays at a few seconds each.
 */
public final class Fuzzing {
    /**
     * The most one input may take. Generous for a loaded 2-core machine: what it catches is
     * the exponential case (a regex backtracking, a loop that does not advance), not a slow one.
     */
    public static final Duration MAX_PER_INPUT = Duration.ofSeconds(5);

    private record Figures(long inputs, long nanos, long slowest) {}

    private static final Map<String, Figures> FIGURES = new ConcurrentHashMap<>();

    private Fuzzing() {}

    /** Something a fuzz target does with one input. */
    public interface Body {
        void run() throws Exception;
    }

    /**
     * Runs {@code body} on one input of {@code target}, counting its time.
     *
     * @throws AssertionError when the input took longer than {@link #MAX_PER_INPUT}
     * @throws Exception whatever {@code body} throws: the property decides what is expected
     */
    public static void timed(String target, Body body) throws Exception {
        long start = System.nanoTime();
        try {
            body.run();
        } finally {
            long took = System.nanoTime() - start;
            FIGURES.merge(
                    target,
                    new Figures(1, took, took),
                    (a, b) -> new Figures(a.inputs + 1, a.nanos + b.nanos, Math.max(a.slowest, b.slowest)));
            if (took > MAX_PER_INPUT.toNanos()) {
                throw new AssertionError(target + ": one input took " + took / 1_000_000 + " ms, more than "
                        + MAX_PER_INPUT.toMillis() + " ms");
            }
        }
    }

    /** Prints the figures of {@code target} so far to stderr and forgets them. */
    public static void report(String target) {
        Figures f = FIGURES.remove(target);
        if (f != null) {
            System.err.printf(
                    Locale.ROOT,
                    "fuzz %s: %d inputs in %.1f s (%.1f µs each on average, slowest %.1f ms)%n",
                    target,
                    f.inputs,
                    f.nanos / 1e9,
                    f.nanos / 1e3 / f.inputs,
                    f.slowest / 1e6);
        }
    }
}
