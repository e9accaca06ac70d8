package org.currents.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.currents.store.ArchiveStore;
import org.currents.store.PageState;
import org.currents.store.StoredPage;
import org.currents.store.Stores;
import org.currents.testing.Archives;
import org.currents.testing.Postgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Schema 12 on both stores: an archive of schema 10 (a row per observation) is packed into a
 * row per revision by its first writer, and every page's state reads back as it was.
 */
class PackObservationsTest {
    private static Postgres server;

    @TempDir
    Path dir;

    @BeforeAll
    static void createDatabase() {
        server = Postgres.create(PackObservationsTest.class);
    }

    @AfterAll
    static void dropDatabase() {
        server.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void aWriterPacksTheObservationsOfAnOlderArchiveAndEveryPageReadsAsBefore(String kind) throws SQLException {
        String db = kind.equals("sqlite") ? dir.resolve("archive.db").toString() : server.freshSchema();
        List<PageState> before;
        try (ArchiveStore store = Stores.open(db)) {
            Archives.importFile(store, Archives.sample(dir));
            before = states(store);
        }
        assertThat(before).hasSizeGreaterThan(3);
        assertThat(before.stream().mapToLong(s -> s.observations().size()).sum())
                .isGreaterThan(10);
        long rows;
        try (Connection c = connect(db)) {
            OlderObservations.undoV12(c);
            rows = count(c, "SELECT count(*) FROM observations");
        }
        assertThat(rows)
                .isEqualTo(
                        before.stream().mapToLong(s -> s.observations().size()).sum());

        try (ArchiveStore store = Stores.open(db)) { // a writer migrates
            assertThat(states(store)).isEqualTo(before);
            assertThat(store.unfinished()).isEmpty();
        }
        try (Connection c = connect(db)) {
            assertThat(count(c, "SELECT count(*) FROM observed"))
                    .isEqualTo(count(c, "SELECT count(*) FROM revisions WHERE event_count > 0"));
            assertThat(tableExists(c, "observations")).isFalse();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void observationsAnOlderRebuildLeftWithoutTheirEventAreKeptAsAMark(String kind) throws SQLException {
        String db = kind.equals("sqlite") ? dir.resolve("archive.db").toString() : server.freshSchema();
        try (ArchiveStore store = Stores.open(db)) {
            Archives.importFile(store, Archives.sample(dir));
        }
        try (Connection c = connect(db)) {
            OlderObservations.undoV12(c, true);
        }
        try (ArchiveStore store = Stores.open(db)) {
            assertThat(store.mark(PackObservations.FORGOTTEN)).isEqualTo(1);
            assertThat(store.unfinished())
                    .isEqualTo(Optional.of(
                            "its histories are incomplete: a rebuild was interrupted; run currents rebuild"));
            assertThat(store.pageState(store.pages().get(0).id()).observations())
                    .isNotEmpty()
                    .allMatch(o -> o.eventId().isEmpty());
        }
    }

    private static List<PageState> states(ArchiveStore store) {
        List<PageState> out = new ArrayList<>();
        for (StoredPage p : store.pages()) {
            out.add(store.pageState(p.id()));
        }
        return out;
    }

    private static Connection connect(String db) throws SQLException {
        return DriverManager.getConnection(db.startsWith("jdbc:") ? db : "jdbc:sqlite:" + db);
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static boolean tableExists(Connection c, String name) throws SQLException {
        try (ResultSet rs = c.getMetaData().getTables(null, c.getSchema(), name, null)) {
            return rs.next();
        }
    }
}
