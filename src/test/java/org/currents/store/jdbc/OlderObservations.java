package org.currents.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import org.currents.store.Observation;

/**
 * Takes an archive of either store back from schema 12 to 10, for tests of older archives: the
 * packed rows of {@code observed} become V1's {@code observations} again, a row per
 * observation, and the history forgets V11 and V12. {@code blank} ids are stored as the empty
 * id, as a rebuild of currents before 0.1 left them.
 */
public final class OlderObservations {
    private OlderObservations() {}

    /** Back to schema 10, every observation's event id kept. */
    public static void undoV12(Connection c) throws SQLException {
        undoV12(c, false);
    }

    /** Back to schema 10; with {@code blank}, every event id is the empty one. */
    public static void undoV12(Connection c, boolean blank) throws SQLException {
        boolean postgres = c.getMetaData()
                .getDatabaseProductName()
                .toLowerCase(Locale.ROOT)
                .contains("postgres");
        try (Statement st = c.createStatement()) {
            st.execute(
                    postgres
                            ? "CREATE TABLE observations (revision_id BIGINT NOT NULL, position BIGINT NOT NULL,"
                                    + " bullet_key TEXT COLLATE \"C\" NOT NULL, event_id TEXT COLLATE \"C\" NOT NULL,"
                                    + " PRIMARY KEY (revision_id, position))"
                            : "CREATE TABLE observations (revision_id INTEGER NOT NULL, position INTEGER NOT NULL,"
                                    + " bullet_key TEXT NOT NULL, event_id TEXT NOT NULL,"
                                    + " PRIMARY KEY (revision_id, position)) WITHOUT ROWID");
            try (PreparedStatement ins = c.prepareStatement(
                            "INSERT INTO observations (revision_id, position, bullet_key, event_id) VALUES (?,?,?,?)");
                    ResultSet rs = st.executeQuery("SELECT revision_id, packed FROM observed")) {
                while (rs.next()) {
                    for (Observation o : PackedObservations.unpack(rs.getLong(1), rs.getBytes(2))) {
                        ins.setLong(1, o.revisionId());
                        ins.setInt(2, o.position());
                        ins.setString(3, o.bulletKey());
                        ins.setString(4, blank ? "" : o.eventId());
                        ins.addBatch();
                    }
                }
                ins.executeBatch();
            }
            st.execute("DROP TABLE observed");
            st.execute("DELETE FROM flyway_schema_history WHERE CAST(version AS INTEGER) >= 11");
            if (!postgres) {
                st.execute("DELETE FROM schema_version WHERE version >= 11");
            }
        }
    }
}
