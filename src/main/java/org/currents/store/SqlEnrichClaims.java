package org.currents.store;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * {@link EnrichClaims} in SQL that SQLite (3.35+: {@code RETURNING}, upserts) and PostgreSQL
 * (15) both run unchanged: standard constructs only ({@code CASE}, not {@code max(a, b)} or
 * {@code GREATEST}), {@code INSERT ... ON CONFLICT} upserts, {@code UPDATE ... RETURNING}. Its
 * tables come from migration {@code V6__enrich_claims.sql} of {@code store/sqlite} and {@code
 * store/postgres} (the same tables; PostgreSQL's text compares byte by byte, as SQLite's does).
 *
 * <p>Atomicity. Every claim and booking is one statement in autocommit. On SQLite a statement
 * that writes runs in the database's one write transaction, so the {@code UPDATE ... WHERE lease
 * expired ... RETURNING} of a claim sees and changes rows no other writer touches meanwhile. On
 * PostgreSQL (READ COMMITTED) two claims may pick the same candidates in their subqueries; the
 * second then waits for the first's row lock and, when the first commits, re-evaluates its
 * {@code WHERE} on the new row version (EvalPlanQual): the lease is no longer expired, so the row
 * is skipped and that claim returns fewer URLs. That is why the conditions of the subquery are
 * repeated outside it. A host's booking is one short transaction: an upsert that locks the host's
 * row (PostgreSQL: the row lock, reading the latest committed version; SQLite: the write lock),
 * the clock read under that lock, and the update of the next free start.
 *
 * <p>On one connection (SQLite: its own connection to the archive, beside the store's), calls
 * are serialised on it; on a pool (PostgreSQL: the store's HikariCP pool), each call borrows a
 * connection for its statement only, so no connection stays open across a fetch.
 */
public final class SqlEnrichClaims implements EnrichClaims {
    private final Source source;
    private final String name;

    /** Borrows a connection for one call. */
    private interface Source {
        <T> T with(Work<T> work) throws SQLException;

        void close() throws SQLException;
    }

    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private SqlEnrichClaims(Source source, String name) {
        this.source = source;
        this.name = name;
    }

    /**
     * Claims over one connection, which they own and close; calls are serialised on it.
     *
     * @param name the archive, for messages (without credentials)
     */
    public static SqlEnrichClaims on(Connection connection, String name) {
        Objects.requireNonNull(connection, "connection");
        return new SqlEnrichClaims(
                new Source() {
                    @Override
                    public synchronized <T> T with(Work<T> work) throws SQLException {
                        return work.run(connection);
                    }

                    @Override
                    public synchronized void close() throws SQLException {
                        connection.close();
                    }
                },
                Objects.requireNonNull(name, "name"));
    }

    /**
     * Claims over a pool: each call borrows a connection for as long as its statement; closing
     * the claims leaves the pool open (its owner closes it).
     *
     * @param name the archive, for messages (without credentials)
     */
    public static SqlEnrichClaims over(DataSource pool, String name) {
        Objects.requireNonNull(pool, "pool");
        return new SqlEnrichClaims(
                new Source() {
                    @Override
                    public <T> T with(Work<T> work) throws SQLException {
                        try (Connection c = pool.getConnection()) {
                            return work.run(c);
                        }
                    }

                    @Override
                    public void close() {}
                },
                Objects.requireNonNull(name, "name"));
    }

    private <T> T run(String what, Work<T> work) {
        try {
            return source.with(work);
        } catch (SQLException e) {
            throw new StoreException(what + " in archive " + name, e);
        }
    }

    @Override
    public int offer(String job, List<CitedUrl> urls, Instant selectedAt) {
        Objects.requireNonNull(job, "job");
        if (urls.isEmpty()) {
            return 0;
        }
        String sql = """
                INSERT INTO enrich_claims (url, job, day, spread, worker, lease_until, done_at)
                VALUES (?, ?, ?, ?, NULL, 0, NULL)
                ON CONFLICT (url) DO UPDATE SET done_at = NULL, worker = NULL, lease_until = 0,
                    job = excluded.job, day = excluded.day, spread = excluded.spread
                WHERE (enrich_claims.done_at IS NOT NULL AND enrich_claims.done_at < ?)
                   OR (enrich_claims.done_at IS NULL AND enrich_claims.job <> excluded.job
                       AND enrich_claims.lease_until <= ?)""";
        long before = selectedAt.toEpochMilli();
        return run(
                "offer " + urls.size() + " URLs to enrich",
                c -> inTransaction(c, () -> {
                    Map<String, Integer> perHost = new HashMap<>();
                    int changed = 0;
                    try (PreparedStatement st = c.prepareStatement(sql)) {
                        for (CitedUrl u : urls) {
                            st.setString(1, u.url());
                            st.setString(2, job);
                            st.setString(3, u.day() == null ? null : u.day().toString());
                            st.setInt(4, perHost.merge(host(u.url()), 1, Integer::sum));
                            st.setLong(5, before);
                            st.setLong(6, before);
                            changed += st.executeUpdate();
                        }
                    }
                    return changed;
                }));
    }

    /** The URL's host for spreading claims over hosts; the whole text when it has none. */
    private static String host(String url) {
        try {
            String h = URI.create(url).getHost();
            return h == null ? url : h.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return url;
        }
    }

    private interface Body<T> {
        T run() throws SQLException;
    }

    private static <T> T inTransaction(Connection c, Body<T> body) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            T result = body.run();
            c.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            try {
                c.rollback();
            } catch (SQLException r) {
                e.addSuppressed(r);
            }
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }

    @Override
    public List<CitedUrl> claim(String job, String worker, int n, Duration lease, Instant now) {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(worker, "worker");
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1: " + n);
        }
        // the lease condition twice: inside for the candidates, outside for PostgreSQL's
        // re-check of a row another claim changed meanwhile (see the class comment)
        String sql = """
                UPDATE enrich_claims SET worker = ?, lease_until = ?
                WHERE url IN (SELECT url FROM enrich_claims
                              WHERE job = ? AND done_at IS NULL AND lease_until <= ?
                              ORDER BY spread, url LIMIT ?)
                  AND job = ? AND done_at IS NULL AND lease_until <= ?
                RETURNING url, day""";
        long at = now.toEpochMilli();
        return run("claim " + n + " URLs for worker " + worker, c -> {
            try (PreparedStatement st = c.prepareStatement(sql)) {
                st.setString(1, worker);
                st.setLong(2, at + lease.toMillis());
                st.setString(3, job);
                st.setLong(4, at);
                st.setInt(5, n);
                st.setString(6, job);
                st.setLong(7, at);
                List<CitedUrl> claimed = new ArrayList<>();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        claimed.add(new CitedUrl(rs.getString(1), day(rs.getString(2))));
                    }
                }
                return claimed;
            }
        });
    }

    private static LocalDate day(String text) {
        try {
            return text == null ? null : LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    @Override
    public int renew(String worker, Duration lease, Instant now) {
        return run(
                "renew the leases of worker " + worker,
                c -> update(
                        c,
                        "UPDATE enrich_claims SET lease_until = ? WHERE worker = ? AND done_at IS NULL AND lease_until > 0",
                        now.toEpochMilli() + lease.toMillis(),
                        worker));
    }

    @Override
    public void release(String worker, Collection<String> urls) {
        if (urls.isEmpty()) {
            return;
        }
        run(
                "release " + urls.size() + " URLs of worker " + worker,
                c -> inTransaction(c, () -> {
                    for (String url : urls) {
                        update(
                                c,
                                "UPDATE enrich_claims SET worker = NULL, lease_until = 0"
                                        + " WHERE url = ? AND worker = ? AND done_at IS NULL",
                                url,
                                worker);
                    }
                    return null;
                }));
    }

    @Override
    public int releaseAll(String worker) {
        return run(
                "release the URLs of worker " + worker,
                c -> update(
                        c,
                        "UPDATE enrich_claims SET worker = NULL, lease_until = 0 WHERE worker = ? AND done_at IS NULL",
                        worker));
    }

    @Override
    public void done(Collection<String> urls, Instant now) {
        if (urls.isEmpty()) {
            return;
        }
        run(
                "mark " + urls.size() + " URLs enriched",
                c -> inTransaction(c, () -> {
                    for (String url : urls) {
                        update(
                                c,
                                "UPDATE enrich_claims SET done_at = ?, lease_until = 0 WHERE url = ?",
                                now.toEpochMilli(),
                                url);
                    }
                    return null;
                }));
    }

    @Override
    public long open(String job) {
        return run("count URLs left to enrich", c -> {
            try (PreparedStatement st =
                    c.prepareStatement("SELECT count(*) FROM enrich_claims WHERE job = ? AND done_at IS NULL")) {
                st.setString(1, job);
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : 0L;
                }
            }
        });
    }

    @Override
    public SortedSet<String> holders(Instant now) {
        return run("list the workers holding URLs", c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT DISTINCT worker FROM enrich_claims WHERE done_at IS NULL AND lease_until > ?")) {
                st.setLong(1, now.toEpochMilli());
                SortedSet<String> workers = new TreeSet<>();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        workers.add(rs.getString(1));
                    }
                }
                return workers;
            }
        });
    }

    @Override
    public Instant reserveHost(String host, Duration delay, Supplier<Instant> clock) {
        Objects.requireNonNull(host, "host");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must be >= 0: " + delay);
        }
        // First lock the host's row (creating it): an upsert that writes it holds PostgreSQL's row
        // lock, and SQLite's write lock, to the commit. Only then is the clock read: a booking
        // that waited for another's lock and used the time from before the wait would book a
        // start already past, and the next worker's, booked a delay after it, would follow too
        // closely (the integration test measured gaps of 1 ms that way).
        String lock = """
                INSERT INTO enrich_hosts (host, next_at) VALUES (?, 0)
                ON CONFLICT (host) DO UPDATE SET next_at = enrich_hosts.next_at
                RETURNING next_at""";
        return run(
                "book a request to " + host,
                c -> inTransaction(c, () -> {
                    long next;
                    try (PreparedStatement st = c.prepareStatement(lock)) {
                        st.setString(1, host);
                        try (ResultSet rs = st.executeQuery()) {
                            if (!rs.next()) {
                                throw new IllegalStateException("booking of host " + host + " returned no row");
                            }
                            next = rs.getLong(1);
                        }
                    }
                    long now = clock.get().toEpochMilli();
                    long slot = next > now ? next : now;
                    update(c, "UPDATE enrich_hosts SET next_at = ? WHERE host = ?", slot + delay.toMillis(), host);
                    return Instant.ofEpochMilli(slot);
                }));
    }

    @Override
    public void pushBackHost(String host, Instant notBefore) {
        run(
                "push back requests to " + host,
                c -> update(
                        c,
                        "INSERT INTO enrich_hosts (host, next_at) VALUES (?, ?) ON CONFLICT (host) DO UPDATE SET next_at ="
                                + " CASE WHEN enrich_hosts.next_at < excluded.next_at THEN excluded.next_at"
                                + " ELSE enrich_hosts.next_at END",
                        host,
                        notBefore.toEpochMilli()));
    }

    @Override
    public Optional<Robots> robots(String origin) {
        return run("read the robots.txt of " + origin, c -> {
            try (PreparedStatement st =
                    c.prepareStatement("SELECT verdict, body, fetched_at FROM enrich_robots WHERE origin = ?")) {
                st.setString(1, origin);
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next()
                            ? Optional.of(
                                    new Robots(rs.getString(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3))))
                            : Optional.<Robots>empty();
                }
            }
        });
    }

    @Override
    public void saveRobots(String origin, Robots robots) {
        run(
                "store the robots.txt of " + origin,
                c -> update(
                        c,
                        "INSERT INTO enrich_robots (origin, verdict, body, fetched_at) VALUES (?, ?, ?, ?)"
                                + " ON CONFLICT (origin) DO UPDATE SET verdict = excluded.verdict, body = excluded.body,"
                                + " fetched_at = excluded.fetched_at",
                        origin,
                        robots.verdict(),
                        robots.body(),
                        robots.fetchedAt().toEpochMilli()));
    }

    private static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                if (args[i] instanceof Long l) {
                    st.setLong(i + 1, l);
                } else {
                    st.setString(i + 1, (String) args[i]);
                }
            }
            return st.executeUpdate();
        }
    }

    @Override
    public void close() {
        try {
            source.close();
        } catch (SQLException e) {
            throw new StoreException("close the enrichment claims of archive " + name, e);
        }
    }
}
