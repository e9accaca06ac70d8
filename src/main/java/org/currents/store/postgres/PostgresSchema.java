package org.currents.store.postgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.currents.store.Access;
import org.currents.store.StoreException;
import org.currents.store.jdbc.Migrations;

/** Tells a currents archive from other databases before anything writes to it. */
final class PostgresSchema {
    private PostgresSchema() {}

    /**
     * The archive's schema version, 0 for an empty schema; fails unless the schema is one this
     * build can use for {@code access} (readers: exactly its own; writers: empty or older too).
     */
    static int check(String archive, Connection c, Access access, int latest) throws SQLException {
        int history;
        int tables;
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FILTER (WHERE table_name = '" + Migrations.HISTORY
                        + "'), count(*) FROM information_schema.tables WHERE table_schema = current_schema()")) {
            rs.next();
            history = rs.getInt(1);
            tables = rs.getInt(2);
        }
        String what = "open archive " + archive;
        if (history == 0 && tables > 0) {
            throw new StoreException(
                    what,
                    "it is a PostgreSQL database but not a currents archive (it has tables and no " + Migrations.HISTORY
                            + ")",
                    null);
        }
        int version = history == 0 ? 0 : Migrations.current(c, Migrations.HISTORY);
        if (version > latest) {
            throw new StoreException(
                    what, "made by a newer currents (schema " + version + ", this build knows " + latest + ")", null);
        }
        if (access == Access.READ && version == 0) {
            throw new StoreException(
                    what, "not a currents archive (an empty database; currents import fills it)", null);
        }
        if (access == Access.READ && version < latest) {
            throw new StoreException(
                    what,
                    "the archive needs upgrading (schema " + version + ", this build uses " + latest
                            + "); run a writer such as currents import or rebuild once",
                    null);
        }
        return version;
    }
}
