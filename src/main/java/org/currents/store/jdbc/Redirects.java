package org.currents.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.currents.store.RedirectStore;

/**
 * The redirect cache in SQLite: table {@code redirects} of migration V3.
 *
 * <p>When the connection is in auto-commit mode, {@link #saveRedirects} runs in a transaction of
 * its own; otherwise it joins the caller's, and the caller commits.
 */
public final class Redirects implements RedirectStore {
    private final Connection connection;
    private final Jdbc jdbc;
    private final Dialect dialect;

    public Redirects(Connection connection, Dialect dialect) {
        this.dialect = dialect;
        this.connection = Objects.requireNonNull(connection, "connection");
        this.jdbc = new Jdbc(connection);
    }

    @Override
    public Map<String, String> redirectTargets(Collection<String> titles) {
        Map<String, String> out = new HashMap<>();
        // a chunk at a time, so that a failure names the chunk it broke on
        for (List<String> chunk : Jdbc.chunks(new LinkedHashSet<>(titles))) {
            try {
                jdbc.forEachIn(
                        "SELECT title, target FROM redirects WHERE title IN",
                        chunk,
                        rs -> out.put(rs.getString(1), rs.getString(2)));
            } catch (SQLException e) {
                throw dialect.wrap("read redirects of " + chunk.size() + " titles (first: " + chunk.get(0) + ")", e);
            }
        }
        return out;
    }

    @Override
    public void saveRedirects(Map<String, String> targets, Instant resolvedAt) {
        Objects.requireNonNull(targets, "targets");
        Objects.requireNonNull(resolvedAt, "resolvedAt");
        if (targets.isEmpty()) {
            return;
        }
        String key = targets.size() + " redirects (first: "
                + targets.keySet().iterator().next() + ")";
        try {
            if (connection.getAutoCommit()) {
                Transactions.run(connection, () -> {
                    insert(targets, iso(resolvedAt));
                    return null;
                });
            } else {
                insert(targets, iso(resolvedAt));
            }
        } catch (SQLException e) {
            throw dialect.wrap("save " + key, e);
        }
    }

    // Whole seconds, so that the ISO text sorts as the instants do ('2017-08-13T03:50:22Z').
    private static String iso(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private void insert(Map<String, String> targets, String at) throws SQLException {
        jdbc.batch(
                "INSERT INTO redirects (title, target, resolved_at) VALUES (?, ?, ?) ON CONFLICT (title)"
                        + " DO UPDATE SET target = excluded.target, resolved_at = excluded.resolved_at",
                targets.entrySet(),
                e -> new Object[] {
                    Objects.requireNonNull(e.getKey(), "title"),
                    Objects.requireNonNull(e.getValue(), "target of " + e.getKey()),
                    at
                });
    }

    @Override
    public List<String> redirectsResolvedBefore(Instant before, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0: " + limit);
        }
        try {
            return jdbc.list(
                    "SELECT title FROM redirects WHERE resolved_at < ? ORDER BY resolved_at, title LIMIT ?",
                    rs -> rs.getString(1),
                    iso(before),
                    limit);
        } catch (SQLException e) {
            throw dialect.wrap("read redirects resolved before " + before, e);
        }
    }
}
