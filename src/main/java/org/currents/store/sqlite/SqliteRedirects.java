package org.currents.store.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.currents.store.RedirectStore;
import org.currents.store.StoreException;

/**
 * The redirect cache in SQLite: table {@code redirects} of migration V3.
 *
 * <p>When the connection is in auto-commit mode, {@link #saveRedirects} runs in a transaction of
 * its own; otherwise it joins the caller's, and the caller commits.
 */
final class SqliteRedirects implements RedirectStore {
    // Well under SQLite's limit on host parameters per statement.
    private static final int CHUNK = 500;

    private final Connection connection;

    SqliteRedirects(Connection connection) {
        this.connection = Objects.requireNonNull(connection, "connection");
    }

    @Override
    public Map<String, String> redirectTargets(Collection<String> titles) {
        Map<String, String> out = new HashMap<>();
        List<String> all = new ArrayList<>(new LinkedHashSet<>(titles));
        for (int i = 0; i < all.size(); i += CHUNK) {
            List<String> chunk = all.subList(i, Math.min(all.size(), i + CHUNK));
            String sql = "SELECT title, target FROM redirects WHERE title IN ("
                    + String.join(",", Collections.nCopies(chunk.size(), "?")) + ")";
            try (PreparedStatement st = connection.prepareStatement(sql)) {
                for (int j = 0; j < chunk.size(); j++) {
                    st.setString(j + 1, chunk.get(j));
                }
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1), rs.getString(2));
                    }
                }
            } catch (SQLException e) {
                throw new StoreException(
                        "read redirects of " + chunk.size() + " titles (first: " + chunk.get(0) + ")", e);
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
            boolean own = connection.getAutoCommit();
            if (own) {
                connection.setAutoCommit(false);
            }
            try {
                insert(targets, iso(resolvedAt));
                if (own) {
                    connection.commit();
                }
            } catch (SQLException | RuntimeException e) {
                if (own) {
                    connection.rollback();
                }
                throw e;
            } finally {
                if (own) {
                    connection.setAutoCommit(true);
                }
            }
        } catch (SQLException e) {
            throw new StoreException("save " + key, e);
        }
    }

    // Whole seconds, so that the ISO text sorts as the instants do ('2017-08-13T03:50:22Z').
    private static String iso(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private void insert(Map<String, String> targets, String at) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement(
                "INSERT OR REPLACE INTO redirects (title, target, resolved_at) VALUES (?, ?, ?)")) {
            for (Map.Entry<String, String> e : targets.entrySet()) {
                st.setString(1, Objects.requireNonNull(e.getKey(), "title"));
                st.setString(2, Objects.requireNonNull(e.getValue(), "target of " + e.getKey()));
                st.setString(3, at);
                st.addBatch();
            }
            st.executeBatch();
        }
    }

    @Override
    public List<String> redirectsResolvedBefore(Instant before, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0: " + limit);
        }
        List<String> out = new ArrayList<>();
        try (PreparedStatement st = connection.prepareStatement(
                "SELECT title FROM redirects WHERE resolved_at < ? ORDER BY resolved_at, title LIMIT ?")) {
            st.setString(1, iso(before));
            st.setInt(2, limit);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("read redirects resolved before " + before, e);
        }
        return out;
    }
}
