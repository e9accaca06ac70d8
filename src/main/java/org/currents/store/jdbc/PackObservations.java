package org.currents.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.currents.store.Observation;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Schema 12 of both stores (each has a {@code V12__Pack_observations} of its own that is this):
 * the row per observation of table {@code observations} becomes one row per revision of table
 * {@code observed} (schema 11), packed by {@link PackedObservations}, and the old table goes.
 * It runs in the migration's transaction, reading the old rows in order, a revision at a time.
 *
 * <p>An older currents could leave observations without their event (a rebuild it stopped
 * between forgetting every history and following the pages again); that is kept as the mark
 * {@value #FORGOTTEN}, which the readers' warning reads and a finished rebuild clears with the
 * other marks.
 */
public abstract class PackObservations extends BaseJavaMigration {
    /** The mark of histories an older rebuild left forgotten. */
    public static final String FORGOTTEN = "forgotten";

    private static final int BATCH = 1_000;

    @Override
    public final void migrate(Context context) throws SQLException {
        Connection c = context.getConnection();
        try (Statement st = c.createStatement();
                PreparedStatement insert =
                        c.prepareStatement("INSERT INTO observed (revision_id, packed) VALUES (?,?)")) {
            boolean forgotten;
            try (ResultSet rs = st.executeQuery("SELECT 1 FROM observations WHERE event_id = '' LIMIT 1")) {
                forgotten = rs.next();
            }
            st.setFetchSize(BATCH * 20);
            long revision = -1;
            List<Observation> current = new ArrayList<>();
            int batched = 0;
            try (ResultSet rs = st.executeQuery("SELECT revision_id, position, bullet_key, event_id FROM observations"
                    + " ORDER BY revision_id, position")) {
                while (rs.next()) {
                    long r = rs.getLong(1);
                    if (r != revision && !current.isEmpty()) {
                        batched = add(insert, revision, current, batched);
                    }
                    revision = r;
                    current.add(new Observation(r, rs.getInt(2), rs.getString(3), rs.getString(4)));
                }
            }
            if (!current.isEmpty()) {
                add(insert, revision, current, batched);
            }
            insert.executeBatch();
            if (forgotten) {
                try (Statement mark = c.createStatement()) {
                    mark.executeUpdate("INSERT INTO marks (name, value) VALUES ('" + FORGOTTEN + "', 1)"
                            + " ON CONFLICT (name) DO UPDATE SET value = 1");
                }
            }
        }
        try (Statement st = c.createStatement()) {
            st.executeUpdate("DROP TABLE observations");
        }
    }

    private static int add(PreparedStatement insert, long revision, List<Observation> observations, int batched)
            throws SQLException {
        insert.setLong(1, revision);
        insert.setBytes(2, PackedObservations.pack(observations));
        insert.addBatch();
        observations.clear();
        if (batched + 1 == BATCH) {
            insert.executeBatch();
            return 0;
        }
        return batched + 1;
    }
}
