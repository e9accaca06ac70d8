package org.currents.enrich;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * One request as the fetcher starts it: what {@link Enricher#onSend} is told just before the
 * request is sent, for a request log or a test of politeness.
 *
 * @param url the URL requested (robots.txt and every redirect hop included)
 * @param booked the start as booked: among all workers sharing the archive, the slot the archive
 *     gave this request (a delay after the host's previous one, to the millisecond); alone, the
 *     moment the start was claimed
 * @param startNanos {@link System#nanoTime()} when the start was claimed, after any wait for
 *     the booked slot; the request goes out right after
 */
public record RequestStart(URI url, Instant booked, long startNanos) {
    public RequestStart {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(booked, "booked");
    }
}
