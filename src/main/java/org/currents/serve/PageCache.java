package org.currents.serve;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Responses already made, by the archive's change sequence and the request's path and query,
 * bounded in bytes. The lever of the server's speed: a hit is a map lookup and a copy of bytes
 * on the I/O thread, with no store, no template and no gzip (issue 11's figures: an answer from
 * bytes is about 12× a jte render per request). A new change sequence makes every old key
 * unreachable; the old entries are dropped at once.
 *
 * <p>Eviction is first in, first out: lock-free on the hit path, where an LRU would write on
 * every read; pages of a live archive are re-made cheaply anyway.
 */
final class PageCache {
    /**
     * Responses up to this size are kept whatever the budget; above it, up to an eighth of the
     * budget: a few huge pages must not push out thousands, but the largest pages are the ones
     * that cost most to make again (the topics index of a 201k-event archive, 3.8 MB, took
     * 235 ms a request to draw and gzip when it was never kept).
     */
    static final int MAX_ENTRY = 1 << 20;

    private final long budget;
    private final long maxEntry;
    private final ConcurrentHashMap<String, Response> entries = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> order = new ConcurrentLinkedQueue<>();
    private final AtomicLong bytes = new AtomicLong();

    /** @param budget the most bytes held; 0 keeps nothing */
    PageCache(long budget) {
        if (budget < 0) {
            throw new IllegalArgumentException("budget must be >= 0: " + budget);
        }
        this.budget = budget;
        this.maxEntry = Math.max(MAX_ENTRY, budget / 8);
    }

    /** The largest response this cache keeps. */
    long maxEntry() {
        return maxEntry;
    }

    static String key(long sequence, String pathAndQuery) {
        return sequence + " " + pathAndQuery;
    }

    Response get(String key) {
        return entries.get(key);
    }

    void put(String key, Response r) {
        long size = r.size();
        if (budget == 0 || size > maxEntry || size > budget) {
            return;
        }
        if (entries.putIfAbsent(key, r) != null) {
            return;
        }
        order.add(key);
        long now = bytes.addAndGet(size);
        while (now > budget) {
            String oldest = order.poll();
            if (oldest == null) {
                break;
            }
            Response gone = entries.remove(oldest);
            now = gone == null ? bytes.get() : bytes.addAndGet(-gone.size());
        }
    }

    /** Drops everything: the archive changed. */
    void clear() {
        entries.clear();
        order.clear();
        bytes.set(0);
    }

    int entries() {
        return entries.size();
    }
}
