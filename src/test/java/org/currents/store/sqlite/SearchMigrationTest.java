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

/** Migration V4 makes an archive of schema 3 searchable, and the trigger keeps it so. */
class SearchMigrationTest {
    @TempDir
    Path dir;

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
            for (String undo : SqliteFixture.UNDO_V4) {
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
