package org.currents.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The JDBC patterns the stores repeat, written once over its one connection: queries
 * bound from a few parameters, lists of one column, and {@code IN (?,?,...)} queries over many
 * keys in chunks. Methods throw {@link SQLException} as they get it: the callers wrap it once,
 * naming the operation and key (STYLE.md, errors).
 *
 * <p>Parameters and keys are {@link String}, {@link Long} or {@link Integer}, bound with
 * {@code setString}, {@code setLong} and {@code setInt}; a null parameter binds SQL NULL, as
 * {@code setString(k, null)} does.
 *
 * <p>The batched statements of the write path are prepared once per connection and kept
 * ({@link #cached}) when the helper is made with caching on (the store's own): preparing them again for every page group cost more than some of
 * the writes themselves, for statements that SQLite compiles together with a trigger or a generated
 * column (bullets and their search trigger, citations and their domain). {@link #close} closes
 * them; the connection's owner calls it before closing the connection.
 */
public final class Jdbc {
    /**
     * Keys per {@code IN} list: SQLite builds before 3.32 allow 999 host parameters per
     * statement (https://sqlite.org/limits.html, SQLITE_MAX_VARIABLE_NUMBER); stay well below
     * (PostgreSQL allows 32767).
     */
    public static final int CHUNK = 500;

    /** What to do with the current row of a result. */
    public interface Row {
        void accept(ResultSet rs) throws SQLException;
    }

    /** A value read from the current row of a result. */
    public interface Column<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** The parameters of one item's execution of a batched statement. */
    public interface Params<T> {
        Object[] of(T item);
    }

    private final Connection connection;
    private final boolean caching;
    private final Map<String, PreparedStatement> cache = new HashMap<>();

    /** Helpers over {@code connection} that prepare every statement afresh (nothing to close). */
    public Jdbc(Connection connection) {
        this(connection, false);
    }

    /**
     * Helpers over {@code connection}; with {@code caching}, {@link #batch} keeps its statements
     * ({@link #cached}) and {@link #close} must be called before the connection closes.
     */
    public Jdbc(Connection connection, boolean caching) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.caching = caching;
    }

    /**
     * The statement for {@code sql}, prepared on first use and kept until {@link #close}; the
     * caller must not close it. For fixed SQL only (the key is the text). A statement whose
     * execution failed is dropped, so the next use prepares it afresh.
     */
    PreparedStatement cached(String sql) throws SQLException {
        if (!caching) {
            throw new IllegalStateException("a helper made without caching keeps no statements: " + sql);
        }
        PreparedStatement ps = cache.get(sql);
        if (ps == null) {
            ps = connection.prepareStatement(sql);
            cache.put(sql, ps);
        }
        return ps;
    }

    /** Closes and forgets the cached statement for {@code sql}, after a failure. */
    void forget(String sql) {
        PreparedStatement ps = cache.remove(sql);
        if (ps != null) {
            try {
                ps.close();
            } catch (SQLException ignored) {
                // already failing; the first error is the one reported
            }
        }
    }

    /** Closes the cached statements (before the connection closes). */
    void close() throws SQLException {
        SQLException first = null;
        for (PreparedStatement ps : cache.values()) {
            try {
                ps.close();
            } catch (SQLException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        cache.clear();
        if (first != null) {
            throw first;
        }
    }

    /** A statement to bind and batch by hand; the caller closes it. */
    public PreparedStatement prepare(String sql) throws SQLException {
        return connection.prepareStatement(sql);
    }

    /** A plain statement for fixed SQL; the caller closes it. */
    public Statement statement() throws SQLException {
        return connection.createStatement();
    }

    /** Runs query {@code sql} with {@code params} and hands each row to {@code row}. */
    public void forEach(String sql, Row row, Object... params) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    row.accept(rs);
                }
            }
        }
    }

    /** The values {@code column} reads from each row of query {@code sql}, in result order. */
    public <T> List<T> list(String sql, Column<T> column, Object... params) throws SQLException {
        List<T> out = new ArrayList<>();
        forEach(sql, rs -> out.add(column.read(rs)), params);
        return out;
    }

    /** The value {@code column} reads from the first row of query {@code sql}, if there is one. */
    public <T> Optional<T> first(String sql, Column<T> column, Object... params) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(column.read(rs)) : Optional.empty();
            }
        }
    }

    /** True when query {@code sql} has a row. */
    public boolean exists(String sql, Object... params) throws SQLException {
        return first(sql, rs -> true, params).isPresent();
    }

    /** Runs statement {@code sql} once with {@code params}; returns the count of rows changed. */
    public int update(String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            bind(ps, params);
            return ps.executeUpdate();
        }
    }

    /**
     * Runs statement {@code sql} as one batch, once per item with the parameters {@code params}
     * makes of it; returns the rows changed by each execution. No items, nothing is run (and
     * nothing prepared). The statement is {@link #cached}.
     */
    public <T> int[] batch(String sql, Collection<T> items, Params<T> params) throws SQLException {
        if (items.isEmpty()) {
            return new int[0];
        }
        if (!caching) {
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                return addAll(ps, items, params).executeBatch();
            }
        }
        PreparedStatement ps = cached(sql);
        boolean done = false;
        try {
            int[] changed = addAll(ps, items, params).executeBatch();
            done = true;
            return changed;
        } finally {
            if (!done) {
                forget(sql);
            }
        }
    }

    private static <T> PreparedStatement addAll(PreparedStatement ps, Collection<T> items, Params<T> params)
            throws SQLException {
        for (T item : items) {
            bind(ps, params.of(item));
            ps.addBatch();
        }
        return ps;
    }

    /**
     * Runs query {@code sqlEndingInIn} (text that ends in {@code IN}, such as {@code "SELECT id
     * FROM revisions WHERE id IN"}) once per {@link #CHUNK} keys with the list {@code (?,?,...)}
     * appended, and hands each row to {@code row}. No keys, no query.
     */
    public void forEachIn(String sqlEndingInIn, Collection<?> keys, Row row) throws SQLException {
        for (List<?> chunk : chunks(keys)) {
            forEach(sqlEndingInIn + " (" + placeholders(chunk.size()) + ")", row, chunk.toArray());
        }
    }

    /** {@code keys} in order, cut into lists of at most {@link #CHUNK}; none for no keys. */
    public static <K> List<List<K>> chunks(Collection<K> keys) {
        List<K> all = new ArrayList<>(keys);
        List<List<K>> out = new ArrayList<>();
        for (int from = 0; from < all.size(); from += CHUNK) {
            out.add(all.subList(from, Math.min(all.size(), from + CHUNK)));
        }
        return out;
    }

    /** {@code n} comma-separated parameter markers: {@code ?,?,?} for 3. */
    public static String placeholders(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("a parameter list needs at least one marker: " + n);
        }
        return "?,".repeat(n - 1) + "?";
    }

    /** Binds {@code params} to parameters 1, 2, ... of {@code ps} by their type. */
    public static void bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int k = 0; k < params.length; k++) {
            Object p = params[k];
            if (p == null) {
                ps.setNull(k + 1, Types.NULL);
            } else if (p instanceof String s) {
                ps.setString(k + 1, s);
            } else if (p instanceof Long l) {
                ps.setLong(k + 1, l);
            } else if (p instanceof Integer i) {
                ps.setInt(k + 1, i);
            } else if (p instanceof byte[] b) {
                ps.setBytes(k + 1, b);
            } else {
                throw new IllegalArgumentException(
                        "parameter " + (k + 1) + " must be a String, Long, Integer or byte[]: "
                                + p.getClass().getName());
            }
        }
    }
}
