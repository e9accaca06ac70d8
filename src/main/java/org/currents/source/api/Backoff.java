package org.currents.source.api;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How long to wait before the next try: exponential from {@code initialBackoff}, "equal
 * jitter" (half fixed, half random) so that clients that failed together do not retry together,
 * never less than the server asked for ({@code Retry-After}, or the 5 s Manual:Maxlag_parameter
 * asks after a lag error), never more than {@code maxBackoff}.
 */
final class Backoff {
    private final Duration initial;
    private final Duration max;
    private final RandomGenerator random;

    Backoff(Duration initial, Duration max, RandomGenerator random) {
        this.initial = initial;
        this.max = max;
        this.random = random;
    }

    /**
     * The wait after {@code failedTries} failed tries.
     *
     * @param failedTries 1 after the first failure
     * @param floor the least the server asked for, or {@link Duration#ZERO}
     */
    Duration delay(int failedTries, Duration floor) {
        long cap = max.toMillis();
        long base = initial.toMillis();
        for (int i = 1; i < failedTries && base < cap; i++) {
            base *= 2;
        }
        base = Math.min(base, cap);
        long half = base / 2;
        long jittered = half + random.nextLong(base - half + 1);
        return Duration.ofMillis(Math.min(cap, Math.max(jittered, floor.toMillis())));
    }
}
