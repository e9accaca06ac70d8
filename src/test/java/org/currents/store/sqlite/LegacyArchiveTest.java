package org.currents.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.currents.store.Access;
import org.currents.store.ArchiveStore;
import org.currents.store.SearchQuery;
import org.currents.store.Stores;
import org.currents.testing.Archives;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Archives made by the migration runner before Flyway (its {@code schema_version} table,
 * versions 1 to 4) are handed over to Flyway by writers at the version they reached, applying only
 * what is newer (V6 and on); readers ask for such a writer first and change nothing.
 */
class LegacyArchiveTest {
    @TempDir
    Path dir;

    @Test
    void anArchiveAtTheNewestOldVersionIsRefusedByReadersUnchangedAndTakenOverByTheFirstWriter() throws Exception {
        Path db = oldArchive("v4.db", 4);
        byte[] before = Files.readAllBytes(db);

        // V6 (shared enrichment) and V7 (the related index) came after the old runner: readers
        // ask for a writer
        assertThatThrownBy(() -> Stores.open(db.toString(), Access.READ, n -> {}))
                .hasMessage("open archive " + db + ": the archive needs upgrading (schema 4, this build uses "
                        + SqliteMigrations.latest() + "); run a writer such as currents import or rebuild once");
        assertThat(Files.readAllBytes(db)).as("a reader changes nothing").isEqualTo(before);

        try (ArchiveStore writer = Stores.open(db.toString())) {
            Archives.importFile(writer, Archives.sample(dir));
            assertThat(writer.search(SearchQuery.of("Trump", 10)).hits()).isNotEmpty();
        }
        try (ArchiveStore reader = Stores.open(db.toString(), Access.READ, n -> {})) {
            assertThat(reader.stats().get("pages")).isPositive();
        }
        assertThat(history(db)).first().isEqualTo("BASELINE 4 taken over from schema_version");
        assertThat(versions(db)).containsExactlyElementsOf(takenOverAt(4));
        assertThat(history(db)).contains("SQL 6 enrich claims", "SQL 7 related");
        assertThat(legacy(db)).containsExactlyElementsOf(SqliteMigrations.versions());
    }

    @Test
    void anArchiveOfAnOlderOldVersionGetsTheRestFromFlyway() throws Exception {
        Path db = oldArchive("v3.db", 3);

        try (ArchiveStore writer = Stores.open(db.toString())) {
            Archives.importFile(writer, Archives.sample(dir));
            assertThat(writer.search(SearchQuery.of("Trump", 10)).hits()).isNotEmpty();
            assertThat(writer.sourcesOf("bbc.com", null, 10)).isNotEmpty();
        }
        assertThat(history(db))
                .startsWith("BASELINE 3 taken over from schema_version", "SQL 4 search")
                .contains("SQL 6 enrich claims", "SQL 7 related");
        assertThat(versions(db)).containsExactlyElementsOf(takenOverAt(3));
        assertThat(legacy(db)).containsExactlyElementsOf(SqliteMigrations.versions());
    }

    /** Flyway's history of an archive taken over at {@code baseline}: it, then every newer script. */
    private static List<String> takenOverAt(int baseline) {
        List<String> out = new ArrayList<>();
        out.add("BASELINE " + baseline);
        for (int v : SqliteMigrations.versions()) {
            if (v > baseline) {
                out.add((v == 12 ? "JDBC " : "SQL ") + v); // V12 packs observations in Java
            }
        }
        return out;
    }

    private static List<String> versions(Path db) throws SQLException {
        return strings(db, "SELECT type || ' ' || version FROM flyway_schema_history ORDER BY installed_rank");
    }

    /** An archive as the old runner left it: scripts V1..{@code version}, split as it split them. */
    private Path oldArchive(String name, int version) throws SQLException, IOException {
        Path db = dir.resolve(name);
        String[] scripts = {
            "V1__archive.sql", "V2__source_meta.sql", "V3__redirects.sql", "V4__search.sql", "V5__search_versions.sql"
        };
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement st = c.createStatement()) {
            st.execute("CREATE TABLE schema_version (version INTEGER NOT NULL, applied_at TEXT NOT NULL)");
            for (int v = 1; v <= version; v++) {
                try (InputStream in = SqliteStore.class.getResourceAsStream(scripts[v - 1])) {
                    for (String statement : oldStatements(new String(in.readAllBytes(), StandardCharsets.UTF_8))) {
                        st.execute(statement);
                    }
                }
                st.execute("INSERT INTO schema_version (version, applied_at) VALUES (" + v + ", datetime('now'))");
            }
        }
        return db;
    }

    /** The old runner's splitter: at semicolons that end a line, "--" comments dropped. */
    private static List<String> oldStatements(String sql) {
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
        return out;
    }

    private static List<String> history(Path db) throws SQLException {
        return strings(
                db,
                "SELECT type || ' ' || version || ' ' || description FROM flyway_schema_history"
                        + " ORDER BY installed_rank");
    }

    private static List<Integer> legacy(Path db) throws SQLException {
        return strings(db, "SELECT version FROM schema_version ORDER BY version").stream()
                .map(Integer::valueOf)
                .toList();
    }

    private static List<String> strings(Path db, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
