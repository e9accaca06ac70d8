package org.currents.store.sqlite;

import java.sql.Connection;
import java.sql.SQLException;
import org.currents.store.jdbc.Jdbc;
import org.currents.store.jdbc.Migrations;
import org.currents.store.jdbc.Transactions;

/**
 * The SQLite archive's schema: Flyway applies {@code V<n>__<what>.sql} of this package's
 * resource folder, all pending ones in one write transaction begun before the version is read
 * ({@code BEGIN IMMEDIATE} on the store's connections), so that processes opening a new archive
 * at once migrate it once: the others wait, then find it done.
 *
 * <p>Archives made before Flyway recorded their version in {@code schema_version}; Flyway takes
 * them over at that version. The table is kept up to date beside Flyway's history, so that an
 * older currents refuses a newer archive by name ("made by a newer currents") instead of writing
 * to a schema it does not know.
 */
final class SqliteMigrations {
    static final Migrations SCRIPTS = new Migrations("org/currents/store/sqlite");

    private SqliteMigrations() {}

    /** The newest version this build knows. */
    static int latest() {
        return SCRIPTS.latest();
    }

    /** Every version this build knows, in order. */
    static java.util.SortedSet<Integer> versions() {
        return SCRIPTS.versions();
    }

    /**
     * The version the archive reached: the higher of Flyway's history and {@code schema_version}
     * (which a build before Flyway wrote alone, and a newer one may have raised); 0 for neither.
     */
    static int current(Connection c) throws SQLException {
        Jdbc jdbc = new Jdbc(c);
        int flyway = hasTable(jdbc, Migrations.HISTORY) ? Migrations.current(c, Migrations.HISTORY) : 0;
        return Math.max(flyway, hasTable(jdbc, "schema_version") ? legacy(jdbc) : 0);
    }

    /** Applies every migration newer than the archive's version. */
    static void apply(Connection c) throws SQLException {
        Transactions.run(c, () -> {
            Jdbc jdbc = new Jdbc(c);
            boolean flyway = hasTable(jdbc, Migrations.HISTORY);
            if (flyway && current(c) >= latest()) {
                return null; // Flyway itself would read its scripts and validate them at each open
            }
            int legacy = !flyway && hasTable(jdbc, "schema_version") ? legacy(jdbc) : 0;
            SCRIPTS.migrate(Migrations.inTransaction(c), null, legacy);
            jdbc.update(
                    "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL, applied_at TEXT NOT NULL)");
            int recorded = legacy(jdbc);
            int reached = current(c);
            for (int v : SCRIPTS.versions()) {
                if (v > recorded && v <= reached) {
                    jdbc.update("INSERT INTO schema_version (version, applied_at) VALUES (?, datetime('now'))", v);
                }
            }
            return null;
        });
    }

    private static int legacy(Jdbc jdbc) throws SQLException {
        return jdbc.first("SELECT COALESCE(MAX(version), 0) FROM schema_version", rs -> rs.getInt(1))
                .orElse(0);
    }

    private static boolean hasTable(Jdbc jdbc, String name) throws SQLException {
        return jdbc.exists("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", name);
    }
}
