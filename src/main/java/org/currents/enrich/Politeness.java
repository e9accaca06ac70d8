package org.currents.enrich;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import org.currents.store.EnrichClaims;

/**
 * Per-host politeness: at most {@code perHost} requests in flight to one host, and the starts
 * of two requests to one host at least the host's delay apart (the configured delay, raised by
 * the host's robots.txt {@code Crawl-delay}, pushed back by a {@code Retry-After}). A worker
 * holds a {@link Lease} on a host while it fetches one URL there; each request it sends first
 * waits for its start with {@link Lease#awaitSlot}.
 *
 * <p>{@link #share Shared} with other processes through the archive's {@link EnrichClaims}, each
 * start is also booked in the host's row there, so that the delay holds between the requests of
 * all workers together; Retry-After push-backs are shared the same way. The connections per host
 * stay a limit of each process.
 */
final class Politeness {
    private final long delayNanos;
    private final int perHost;
    private final Map<String, Host> hosts = new HashMap<>();
    private volatile EnrichClaims shared;

    private static final class Host {
        int inFlight;
        long delayNanos;
        long lastStart = Long.MIN_VALUE;
        long notBefore = Long.MIN_VALUE;

        long nextStart(long now) {
            long start = now;
            if (lastStart != Long.MIN_VALUE) {
                start = Math.max(start, lastStart + delayNanos);
            }
            return notBefore == Long.MIN_VALUE ? start : Math.max(start, notBefore);
        }
    }

    /**
     * @param delay the minimum time between the starts of two requests to one host
     * @param perHost the most requests in flight to one host
     * @throws IllegalArgumentException if delay is negative or perHost is below 1
     */
    Politeness(Duration delay, int perHost) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must be >= 0: " + delay);
        }
        if (perHost < 1) {
            throw new IllegalArgumentException("perHost must be >= 1: " + perHost);
        }
        this.delayNanos = delay.toNanos();
        this.perHost = perHost;
    }

    /**
     * A claimed start: {@code nanos} ({@link System#nanoTime()}) when it was claimed, after any
     * wait; {@code booked} the slot booked among all workers (alone: the moment of the claim).
     */
    record Start(long nanos, Instant booked) {}

    /** A worker's right to send requests to one host; close it when the URL is done. */
    final class Lease implements AutoCloseable {
        private final String host;
        private boolean closed;

        private Lease(String host) {
            this.host = host;
        }

        String host() {
            return host;
        }

        /**
         * Waits until the next request to the host may start, takes a permit of {@code global}
         * (the limit of requests in flight), and claims the start: the caller sends at once and
         * releases the permit when the response is read. The start is claimed only when the
         * permit is held, so that starts, not reservations, are a delay apart.
         *
         * @return the claimed start: {@link System#nanoTime()} and the start as booked
         */
        Start awaitSlot(Semaphore global) throws InterruptedException {
            while (true) {
                long wait;
                synchronized (Politeness.this) {
                    long now = System.nanoTime();
                    wait = state(host).nextStart(now) - now;
                }
                if (wait > 0) {
                    sleepFor(wait);
                    continue;
                }
                global.acquire();
                long delay;
                synchronized (Politeness.this) {
                    Host h = state(host);
                    long now = System.nanoTime();
                    if (h.nextStart(now) > now) {
                        global.release();
                        continue;
                    }
                    h.lastStart = now;
                    if (shared == null) {
                        return new Start(now, Instant.now());
                    }
                    delay = h.delayNanos;
                }
                try {
                    return awaitBooked(delay);
                } catch (InterruptedException | RuntimeException e) {
                    global.release();
                    throw e;
                }
            }
        }

        /**
         * Books the start among all workers and waits for it. The permit is held while waiting:
         * a start later than booked would come closer than the delay to the next worker's.
         */
        private Start awaitBooked(long delayNanos) throws InterruptedException {
            EnrichClaims claims = shared;
            Instant slot = claims.reserveHost(host, Duration.ofNanos(delayNanos), Instant::now);
            long wait = Math.max(0, Duration.between(Instant.now(), slot).toNanos());
            synchronized (Politeness.this) {
                Host h = state(host);
                h.lastStart = Math.max(h.lastStart, System.nanoTime() + wait);
            }
            if (wait > 0) {
                sleepFor(wait);
            }
            return new Start(System.nanoTime(), slot);
        }

        @Override
        public void close() {
            synchronized (Politeness.this) {
                if (!closed) {
                    closed = true;
                    state(host).inFlight--;
                    Politeness.this.notifyAll();
                }
            }
        }
    }

    /** Waits until the host has a free connection, then takes it; request starts come from {@link Lease#awaitSlot}. */
    synchronized Lease acquire(String host) throws InterruptedException {
        Host h = state(host);
        while (h.inFlight >= perHost) {
            wait();
        }
        h.inFlight++;
        return new Lease(host);
    }

    /**
     * Takes a connection of {@code host} if one is free and a request could start now.
     *
     * @return the lease, or null when the host is busy or its next start is later
     */
    synchronized Lease tryAcquire(String host) {
        Host h = state(host);
        long now = System.nanoTime();
        if (h.inFlight >= perHost || h.nextStart(now) > now) {
            return null;
        }
        h.inFlight++;
        return new Lease(host);
    }

    /** Nanoseconds until {@code host} could start a request: 0 now, Long.MAX_VALUE when every connection is busy. */
    synchronized long readyIn(String host) {
        Host h = state(host);
        if (h.inFlight >= perHost) {
            return Long.MAX_VALUE;
        }
        long now = System.nanoTime();
        return Math.max(0, h.nextStart(now) - now);
    }

    /** Raises the host's delay (robots.txt Crawl-delay); never lowers it below the configured one. */
    synchronized void raiseDelay(String host, Duration delay) {
        Host h = state(host);
        h.delayNanos = Math.max(h.delayNanos, delay.toNanos());
    }

    /** No request to {@code host} starts before {@code wait} from now (a Retry-After), in any worker sharing. */
    void pushBack(String host, Duration wait) {
        synchronized (this) {
            Host h = state(host);
            long until = System.nanoTime() + wait.toNanos();
            h.notBefore = h.notBefore == Long.MIN_VALUE ? until : Math.max(h.notBefore, until);
        }
        EnrichClaims claims = shared;
        if (claims != null) {
            claims.pushBackHost(host, Instant.now().plus(wait));
        }
    }

    /** Books every start also in {@code claims} (null: this process alone), from now on. */
    void share(EnrichClaims claims) {
        this.shared = claims;
    }

    private Host state(String name) {
        return hosts.computeIfAbsent(name, k -> {
            Host h = new Host();
            h.delayNanos = delayNanos;
            return h;
        });
    }

    private static void sleepFor(long nanos) throws InterruptedException {
        Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
    }
}
