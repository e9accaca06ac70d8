package org.currents.store.sqlite;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Creates and upgrades the schema: applies {@code V<n>__<name>.sql} resources of this package in
 * order, each in its own transaction, recording the version reached in {@code schema_version}.
 */
final class Migrations {
    private Migrations() {}

    /**
     * Applies every migration newer than the database's version; returns the version reached.
     * Each runs in a write transaction begun before the version is read ({@code BEGIN
     * IMMEDIATE} on the store's connections), so that processes opening a new archive at once
     * apply each migration once: the others wait, then find it applied.
     */
    static int apply(Connection c) throws SQLException {
        int latest = latest();
        while (true) {
            int reached = Transactions.run(c, () -> {
                try (Statement st = c.createStatement()) {
                    st.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL,"
                            + " applied_at TEXT NOT NULL)");
                    int current = current(c);
                    if (current >= latest) {
                        return -current;
                    }
                    int v = next(current);
                    try {
                        for (String statement : statements(resource(v))) {
                            st.execute(statement);
                        }
                        st.execute(
                                "INSERT INTO schema_version (version, applied_at) VALUES (" + v + ", datetime('now'))");
                    } catch (SQLException e) {
                        throw new SQLException(
                                "migration V" + v + " failed: " + e.getMessage(), e.getSQLState(), e.getErrorCode(), e);
                    }
                    return v;
                }
            });
            if (reached <= 0) {
                return -reached; // nothing left to apply
            }
        }
    }

    static int current(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    /** The newest version this build knows. */
    static int latest() {
        return versions().stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    /**
     * The first listed version after {@code current}. The list may skip a number: V6 (shared
     * enrichment) was written while V5 was taken by work on another branch.
     */
    private static int next(int current) {
        return versions().stream()
                .mapToInt(Integer::intValue)
                .filter(v -> v > current)
                .min()
                .orElseThrow(() -> new IllegalStateException("no migration after V" + current));
    }

    /** The versions this build lists, in order. */
    static List<Integer> versions() {
        List<Integer> versions = new ArrayList<>();
        for (String name : index()) {
            versions.add(Integer.parseInt(name.substring(1, name.indexOf("__"))));
        }
        return versions;
    }

    private static String resource(int version) {
        // names are V<n>__<what>.sql; the index file lists them so that jars need no scanning
        for (String name : index()) {
            if (name.startsWith("V" + version + "__")) {
                try (InputStream in = Migrations.class.getResourceAsStream(name)) {
                    if (in == null) {
                        throw new IllegalStateException("migration " + name + " listed but missing");
                    }
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new IllegalStateException("cannot read migration " + name, e);
                }
            }
        }
        return null;
    }

    private static List<String> index() {
        try (InputStream in = Migrations.class.getResourceAsStream("migrations.txt")) {
            if (in == null) {
                throw new IllegalStateException("migrations.txt missing from the build");
            }
            List<String> names = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    names.add(line.strip());
                }
            }
            return names;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read migrations.txt", e);
        }
    }

    /** Splits a script at semicolons that end a line; comments ("--") are dropped. */
    static List<String> statements(String sql) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : sql.split("\n")) {
            int comment = line.indexOf("--");
            String code = comment >= 0 ? line.substring(0, comment) : line;
            if (code.isBlank()) {
                continue;
            }
            current.append(code).append('\n');
            if (code.stripTrailing().endsWith(";")) {
                out.add(current.toString().strip());
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().strip());
        }
        return out;
    }
}
