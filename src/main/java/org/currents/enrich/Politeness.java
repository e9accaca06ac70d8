package org.currents.enrich;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Per-host politeness: at most {@code perHost} requests in flight to one host, and the starts
 * of two requests to one host at least the host's delay apart (the configured delay, raised by
 * the host's robots.txt {@code Crawl-delay}, pushed back by a {@code Retry-After}). A worker
 * holds a {@link Lease} on a host while it fetches one URL there; each request it sends waits
 * for a slot of that lease.
 */
final class Politeness {
    private final long delayNanos;
    private final int perHost;
    private final Map<String, Host> hosts = new HashMap<>();

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

    /** A worker's right to send requests to one host; close it when the URL is done. */
    final class Lease implements AutoCloseable {
        private final String host;
        private boolean slotted;
        private boolean closed;

        private Lease(String host, boolean slotted) {
            this.host = host;
            this.slotted = slotted;
        }

        String host() {
            return host;
        }

        /**
         * Waits until the next request to the host may start, and reserves that start. The
         * first call after {@link #tryAcquire} returns at once: its slot was reserved then.
         */
        void awaitSlot() throws InterruptedException {
            if (slotted) {
                slotted = false;
                return;
            }
            long start;
            synchronized (Politeness.this) {
                Host h = state(host);
                start = h.nextStart(System.nanoTime());
                h.lastStart = start;
            }
            sleepUntil(start);
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

    /** Waits until the host has a free connection, then takes it; request slots come from {@link Lease#awaitSlot}. */
    synchronized Lease acquire(String host) throws InterruptedException {
        Host h = state(host);
        while (h.inFlight >= perHost) {
            wait();
        }
        h.inFlight++;
        return new Lease(host, false);
    }

    /**
     * Takes a connection and the first request slot of {@code host} if both are free now.
     *
     * @return the lease, or null when the host is busy or its next slot is later
     */
    synchronized Lease tryAcquire(String host) {
        Host h = state(host);
        long now = System.nanoTime();
        if (h.inFlight >= perHost || h.nextStart(now) > now) {
            return null;
        }
        h.inFlight++;
        h.lastStart = now;
        return new Lease(host, true);
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

    /** No request to {@code host} starts before {@code wait} from now (a Retry-After). */
    synchronized void pushBack(String host, Duration wait) {
        Host h = state(host);
        long until = System.nanoTime() + wait.toNanos();
        h.notBefore = h.notBefore == Long.MIN_VALUE ? until : Math.max(h.notBefore, until);
    }

    private Host state(String name) {
        return hosts.computeIfAbsent(name, k -> {
            Host h = new Host();
            h.delayNanos = delayNanos;
            return h;
        });
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long wait = nanoTime - System.nanoTime();
        while (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            wait = nanoTime - System.nanoTime();
        }
    }
}
