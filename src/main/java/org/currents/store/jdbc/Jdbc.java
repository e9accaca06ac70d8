package org.currents.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
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

    public Jdbc(Connection connection) {
        this.connection = Objects.requireNonNull(connection, "connection");
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
     * makes of it; returns the rows changed by each execution. No items, an empty batch.
     */
    public <T> int[] batch(String sql, Collection<T> items, Params<T> params) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (T item : items) {
                bind(ps, params.of(item));
                ps.addBatch();
            }
            return ps.executeBatch();
        }
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
            } else {
                throw new IllegalArgumentException("parameter " + (k + 1) + " must be a String, Long or Integer: "
                        + p.getClass().getName());
            }
        }
    }
}
