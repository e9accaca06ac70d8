package org.currents.store.sqlite;

import java.sql.Connection;
import java.sql.SQLException;
import org.currents.store.Access;
import org.currents.store.StoreException;
import org.currents.store.jdbc.Jdbc;
import org.currents.store.jdbc.Migrations;

/** Tells a currents archive from other SQLite files, before anything writes to the file. */
final class SqliteSchema {
    private SqliteSchema() {}

    /**
     * Fails unless the database is a currents archive of a schema this build can use for {@code
     * access}: writers also take an empty database (they create the schema) or an older schema
     * (they migrate it); readers take only the schema this build writes.
     */
    static void refuseForeign(String path, Connection c, Access access) throws SQLException {
        Jdbc jdbc = new Jdbc(c);
        // one statement, one snapshot: asked one after the other, another process's first
        // migration could commit in between and make a new archive look foreign
        int[] found = jdbc.first(
                        "SELECT (SELECT count(*) FROM sqlite_master WHERE type = 'table'"
                                + " AND name IN ('schema_version', '" + Migrations.HISTORY + "')),"
                                + " (SELECT count(*) FROM sqlite_master WHERE type = 'table'"
                                + " AND name NOT LIKE 'sqlite!_%' ESCAPE '!')",
                        rs -> new int[] {rs.getInt(1), rs.getInt(2)})
                .orElseThrow();
        boolean versioned = found[0] > 0;
        boolean tables = found[1] > 0;
        if (!versioned && tables) {
            // migrating would write currents' tables into somebody else's database
            throw new StoreException(
                    "open archive " + path
                            + ": it is a SQLite database but not a currents archive (it has tables and no"
                            + " schema_version)",
                    null);
        }
        int version = versioned ? SqliteMigrations.current(c) : 0;
        if (version > SqliteMigrations.latest()) {
            throw new StoreException(
                    "open archive " + path + ": made by a newer currents (schema " + version + ", this build knows "
                            + SqliteMigrations.latest() + ")",
                    null);
        }
        if (access == Access.READ && version == 0) {
            throw new StoreException(
                    "open archive " + path + ": not a currents archive (an empty SQLite database; currents import"
                            + " fills it)",
                    null);
        }
        if (access == Access.READ && version < SqliteMigrations.latest()) {
            throw new StoreException(
                    "open archive " + path + ": the archive needs upgrading (schema " + version + ", this build uses "
                            + SqliteMigrations.latest() + "); run a writer such as currents import or rebuild once",
                    null);
        }
    }
}
