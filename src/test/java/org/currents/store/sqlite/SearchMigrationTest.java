package org.currents.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.currents.store.ArchiveStore;
import org.currents.store.SearchHit;
import org.currents.store.SearchQuery;
import org.currents.store.Stores;
import org.currents.testing.Archives;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Migrations V4 and V5 make an older archive searchable (V5: one search row per version), and
 * the triggers keep it so.
 */
class SearchMigrationTest {
    @TempDir
    Path dir;

    @Test
    void v5IndexesEveryVersionOfAnArchiveOfSchema4AndLaterImportsToo() throws SQLException {
        String db = dir.resolve("archive.db").toString();
        List<SearchHit> before;
        List<SearchHit> old;
        try (ArchiveStore store = Archives.open(dir)) {
            Archives.importFile(store, Archives.sample(dir));
            before = store.search(SearchQuery.of("Trump", 100)).hits();
            old = store.search(SearchQuery.of("cybersecurity", 100)).hits(); // a word of an old version only
        }
        assertThat(before).hasSizeGreaterThan(3);
        assertThat(old).isNotEmpty();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement st = c.createStatement()) {
            org.currents.store.jdbc.OlderObservations.undoV12(c);
            for (String undo : SqliteFixture.UNDO_V5) {
                st.execute(undo);
            }
        }
        try (ArchiveStore store = Stores.open(db)) { // a writer migrates
            assertThat(store.search(SearchQuery.of("Trump", 100)).hits())
                    .extracting(SearchHit::id)
                    .containsExactlyElementsOf(
                            before.stream().map(SearchHit::id).toList());
            assertThat(store.search(SearchQuery.of("cybersecurity", 100)).hits())
                    .extracting(SearchHit::id)
                    .containsExactlyElementsOf(old.stream().map(SearchHit::id).toList());
            // a later import, through the triggers: a word of the first version only still finds it
            assertThat(store.search(SearchQuery.of("zebrafish", 100)).hits()).isEmpty();
            Path later = new org.currents.testing.ExportBuilder()
                    .page("Portal:Current events/2019 March 3")
                    .revision(
                            70001,
                            "2019-03-03T10:00:00Z",
                            "Editor",
                            "new",
                            org.currents.testing.ExportBuilder.day(
                                    "*Zebrafish swim upstream in the Rhine. [http://news.test/z (Z News)]"))
                    .revision(
                            70002,
                            "2019-03-03T11:00:00Z",
                            "Editor",
                            "fix",
                            org.currents.testing.ExportBuilder.day(
                                    "*Salmon swim upstream in the Rhine. [http://news.test/z (Z News)]"))
                    .revision(
                            70003,
                            "2019-03-03T12:00:00Z",
                            "Vandal",
                            "",
                            org.currents.testing.ExportBuilder.day(
                                    "*Salmon swim upstream in the Rhine lolwutt. [http://news.test/z (Z News)]"))
                    .revision(
                            70004,
                            "2019-03-03T12:01:00Z",
                            "Editor",
                            "revert",
                            org.currents.testing.ExportBuilder.day(
                                    "*Salmon swim upstream in the Rhine. [http://news.test/z (Z News)]"))
                    .write(dir.resolve("later.xml"));
            Archives.importFile(store, later);
            List<SearchHit> fish =
                    store.search(SearchQuery.of("zebrafish", 100)).hits();
            assertThat(fish).hasSize(1);
            assertThat(fish.get(0).text()).startsWith("Salmon");
            assertThat(store.search(SearchQuery.of("salmon", 100)).hits())
                    .extracting(SearchHit::id)
                    .containsExactly(fish.get(0).id());
            // the reverted vandal edit is no version of the event: its word finds nothing
            assertThat(store.search(SearchQuery.of("lolwutt", 100)).hits()).isEmpty();
        }
    }

    @Test
    void indexesWhatAnOlderArchiveHoldsAndWhatLaterImportsAdd() throws SQLException {
        String db = dir.resolve("archive.db").toString();
        List<SearchHit> before;
        try (ArchiveStore store = Archives.open(dir)) {
            Archives.importFile(store, Archives.sample(dir));
            before = store.search(SearchQuery.of("Trump", 100)).hits();
        }
        assertThat(before).hasSizeGreaterThan(3);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement st = c.createStatement()) {
            org.currents.store.jdbc.OlderObservations.undoV12(c);
            for (String undo : SqliteFixture.UNDO_TO_V3) {
                st.execute(undo);
            }
        }
        try (ArchiveStore store = Stores.open(db)) { // a writer migrates
            assertThat(store.search(SearchQuery.of("Trump", 100)).hits())
                    .extracting(SearchHit::id)
                    .containsExactlyInAnyOrderElementsOf(
                            before.stream().map(SearchHit::id).toList());
            assertThat(store.sourcesOf("bbc.com", null, 100)).isNotEmpty();
        }
    }
}
