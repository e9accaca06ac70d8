package org.currents.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.function.Supplier;

/**
 * The work of enrichment shared through the archive, so that any number of {@code enrich}
 * processes, on any machines, divide the fetching between them: each offers the URLs its
 * selection found, claims a few at a time under a lease it renews, and marks each done once its
 * outcome is stored. Politeness towards a host is shared too: a worker books each request's
 * start in the host's row, and robots.txt read by one worker is kept for all.
 *
 * <p>Leases with an expiry, not {@code SELECT ... FOR UPDATE SKIP LOCKED}: a fetch takes seconds
 * of HTTP, and holding row locks for it would keep one transaction, and one pooled connection,
 * open per worker for its whole batch; leases work the same on SQLite and PostgreSQL, hold
 * across machines, and a worker killed with {@code kill -9} loses only its in-flight URLs, which
 * other workers claim once its lease expires (it renews every third of the lease while alive).
 *
 * <p>Every {@code now} is the caller's clock; the workers' clocks are assumed to agree (NTP) to
 * well within a lease and a host's delay. Implementations are safe for use by several threads.
 * Failures are {@link StoreException}s naming the operation.
 */
public interface EnrichClaims extends AutoCloseable {

    /**
     * Adds URLs to the shared work of {@code job}, each once. A URL already done is opened again
     * only if it was done before {@code selectedAt}: the selection, made after that, still found
     * it lacking, so it was done before (a {@code --refresh}), not by another worker meanwhile. An
     * open URL of another job that no lease live at {@code selectedAt} holds (left by a run that
     * stopped) moves to this job.
     *
     * @param job the selection's name: workers with the same one share its URLs
     * @param selectedAt when the selection that found {@code urls} began
     * @return how many URLs were added, opened again or moved
     */
    int offer(String job, List<CitedUrl> urls, Instant selectedAt);

    /**
     * Claims up to {@code n} open URLs of {@code job} that no live lease holds, for {@code worker}
     * until {@code now + lease}: two workers never hold one URL at once. Fewer (or none) when
     * fewer are free.
     */
    List<CitedUrl> claim(String job, String worker, int n, Duration lease, Instant now);

    /** Extends every lease {@code worker} holds to {@code now + lease}; returns how many it holds. */
    int renew(String worker, Duration lease, Instant now);

    /** Gives back {@code worker}'s claims of {@code urls} not yet done, for others to take at once. */
    void release(String worker, Collection<String> urls);

    /** Gives back every claim of {@code worker} not yet done (it stops: Ctrl-C); returns how many. */
    int releaseAll(String worker);

    /** Marks {@code urls} done: their outcome is stored. */
    void done(Collection<String> urls, Instant now);

    /** How many URLs of {@code job} are not done yet, claimed or not. */
    long open(String job);

    /** The workers holding live claims at {@code now}, sorted. */
    SortedSet<String> holders(Instant now);

    /**
     * Books the next start of a request to {@code host} across all workers: the later of now and
     * the host's next free start, which then moves {@code delay} after it.
     *
     * @param host the host as the fetcher keys it ({@code host:port})
     * @param clock read once while the host is locked, so that time spent waiting for another
     *     worker's booking is not booked as if it had not passed
     * @return when this worker may send: now or later, never earlier than {@code delay} after the
     *     start booked before it
     */
    Instant reserveHost(String host, Duration delay, Supplier<Instant> clock);

    /** No request to {@code host} starts before {@code notBefore} (a Retry-After), for any worker. */
    void pushBackHost(String host, Instant notBefore);

    /** What a worker learnt of an origin's robots.txt; see {@link #saveRobots}. */
    record Robots(String verdict, String body, Instant fetchedAt) {
        /** The file was read: {@code body} holds it. */
        public static final String RULES = "rules";
        /** The file is unavailable (4xx): everything is allowed. */
        public static final String ALLOW = "allow";
        /** The file is unreachable (5xx, 429): nothing is allowed. */
        public static final String DISALLOW = "disallow";
    }

    /** The robots.txt of {@code origin} ({@code https://example.com:443}) some worker stored. */
    Optional<Robots> robots(String origin);

    /** Stores what a worker learnt of {@code origin}'s robots.txt for the others. */
    void saveRobots(String origin, Robots robots);

    @Override
    void close();
}
