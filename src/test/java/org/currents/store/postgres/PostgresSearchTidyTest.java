package org.currents.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import org.currents.store.ArchiveStore;
import org.currents.store.Stores;
import org.currents.store.jdbc.Jdbc;
import org.currents.testing.Archives;
import org.currents.testing.ExportBuilder;
import org.currents.testing.Postgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A writer's end and a copy leave the search index's GIN pending list empty (every search scans
 * that list in full: 1.4 ms a word on a migrated 200k-event archive), while the writes in
 * between do fill it, so that the check could fail.
 */
class PostgresSearchTidyTest {
    @TempDir
    static Path dir;

    static Postgres server;

    @BeforeAll
    static void start() {
        server = Postgres.create(PostgresSearchTidyTest.class);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** An export of one day page with {@code events} bullets, its revision {@code rev}. */
    static Path day(int day, long rev, int events) {
        List<String> lines = new ArrayList<>();
        for (int k = 0; k < events; k++) {
            lines.add("*Storm " + day + " " + k + " floods the valley of river" + k + ". [http://news.test/" + day + "/"
                    + k + " (News)]");
        }
        return new ExportBuilder()
                .page("Portal:Current events/2019 June " + day)
                .revision(
                        rev,
                        "2019-06-" + (day < 10 ? "0" : "") + day + "T10:00:00Z",
                        "Editor",
                        "day",
                        ExportBuilder.day(lines.toArray(String[]::new)))
                .write(dir.resolve("day-" + day + ".xml"));
    }

    static long pendingPagesMerged(String url) throws Exception {
        HikariDataSource pool = Pools.acquire(PostgresUrl.parse(url));
        try (Connection c = pool.getConnection()) {
            return PostgresSearch.cleanPendingList(new Jdbc(c));
        }
    }

    @Test
    void writersEndMergesWhatItsWritesLeftPending() throws Exception {
        String db = server.freshSchema();
        try (ArchiveStore store = Stores.open(db)) {
            Archives.importFile(store, day(1, 100, 40));
            store.writingFinished();
        }
        assertThat(pendingPagesMerged(db)).as("after a writer's end").isZero();

        try (ArchiveStore store = Stores.open(db)) {
            Archives.importFile(store, day(2, 200, 40)); // a sync's commit, its end not reached
        }
        assertThat(pendingPagesMerged(db)).as("writes before the end").isPositive();

        try (ArchiveStore store = Stores.open(db)) {
            Archives.importFile(store, day(3, 300, 40));
            store.writingFinished();
            assertThat(store.search(org.currents.store.SearchQuery.of("river7", 10))
                            .hits())
                    .hasSize(3);
        }
        assertThat(pendingPagesMerged(db)).as("after the next writer's end").isZero();
    }

    @Test
    void aCopyEndsWithNothingPending() throws Exception {
        String db = server.freshSchema();
        try (ArchiveStore from = Archives.open(dir);
                ArchiveStore to = Stores.open(db)) {
            Archives.importFile(from, day(4, 400, 60));
            from.writingFinished();
            from.copyTo(to, line -> {});
            assertThat(to.stats()).containsEntry("events", 60L);
        }
        assertThat(pendingPagesMerged(db)).isZero();
    }
}
