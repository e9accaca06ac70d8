package org.currents.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.currents.store.ArchiveStore;
import org.currents.store.ArchiveStoreContract;
import org.currents.store.StoreException;
import org.currents.store.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteStoreTest extends ArchiveStoreContract {
    @TempDir
    Path dir;

    private Path file;
    private int opened;

    @Override
    protected ArchiveStore openFresh() {
        file = dir.resolve("archive-" + ++opened + ".db");
        return SqliteStore.open(file.toString());
    }

    @Override
    protected ArchiveStore reopen() {
        return Stores.open(file.toString());
    }

    @Test
    void createsTheSchemaFromNothingByEveryMigration() throws SQLException {
        assertThat(Files.exists(file)).isTrue();
        try (Connection c = connect();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT version, type, success FROM flyway_schema_history" + " ORDER BY installed_rank")) {
            List<String> versions = new ArrayList<>();
            while (rs.next()) {
                versions.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getBoolean(3));
            }
            assertThat(versions)
                    .containsExactlyElementsOf(SqliteMigrations.versions().stream()
                            .map(v -> v + (v == 12 ? " JDBC true" : " SQL true"))
                            .toList())
                    .contains(
                            "1 SQL true",
                            "2 SQL true",
                            "3 SQL true",
                            "4 SQL true",
                            "5 SQL true",
                            "6 SQL true",
                            "7 SQL true",
                            "8 SQL true");
            assertThat(SqliteMigrations.latest())
                    .isEqualTo(SqliteMigrations.versions().last());
        }
        assertThat(legacyVersions())
                .as("kept for older builds to refuse a newer archive")
                .containsExactlyElementsOf(SqliteMigrations.versions());
        assertThat(tables())
                .contains(
                        "pages",
                        "revisions",
                        "wikitext",
                        "problems",
                        "bullets",
                        "observed",
                        "events",
                        "versions",
                        "citations",
                        "moves",
                        "event_aliases",
                        "contexts",
                        "marks",
                        "source_meta",
                        "redirects");
    }

    @Test
    void appliesNothingTwice() throws SQLException {
        store.close();
        store = reopen();
        store.close();
        store = reopen();

        try (Connection c = connect();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*), count(DISTINCT version) FROM flyway_schema_history")) {
            rs.next();
            assertThat(rs.getInt(1))
                    .isEqualTo(SqliteMigrations.versions().size())
                    .isEqualTo(rs.getInt(2));
        }
        assertThat(legacyVersions()).containsExactlyElementsOf(SqliteMigrations.versions());
    }

    @Test
    void upgradesAnArchiveOfAnOlderSchema() throws SQLException {
        store.close();
        try (Connection c = connect();
                Statement st = c.createStatement()) {
            org.currents.store.jdbc.OlderObservations.undoV12(c);
            for (String undo : SqliteFixture.UNDO_TO_V3) {
                st.execute(undo);
            }
            st.execute("DROP TABLE redirects");
            st.execute("DROP TABLE source_meta");
            st.execute("DELETE FROM schema_version WHERE version >= 2");
            st.execute("DELETE FROM flyway_schema_history WHERE CAST(version AS INTEGER) >= 2");
        }

        store = reopen();

        assertThat(tables()).contains("source_meta", "redirects");
        assertThat(store.stats()).containsEntry("sources_enriched", 0L);
        assertThat(store.redirectTargets(List.of("Trump"))).isEmpty();
    }

    @Test
    void refusesAnArchiveMadeByANewerBuild() throws SQLException {
        store.close();
        store = null;
        int newer = SqliteMigrations.latest() + 1;
        try (Connection c = connect();
                Statement st = c.createStatement()) {
            // as a newer build's Flyway records its migration
            st.execute("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script,"
                    + " checksum, installed_by, execution_time, success) VALUES (" + newer + ", '" + newer
                    + "', 'future', 'SQL', 'V" + newer + "__future.sql', 0, 'test', 0, 1)");
        }

        assertThatThrownBy(() -> Stores.open(file.toString()))
                .isInstanceOf(StoreException.class)
                .hasMessage("open archive " + file + ": made by a newer currents (schema " + newer
                        + ", this build knows " + SqliteMigrations.latest() + ")");
    }

    @Test
    void opensAJdbcUrlAndAPlainPathAlike() {
        store.close();
        store = Stores.open("jdbc:sqlite:" + file);

        assertThat(store.describe()).isEqualTo(file.toString());
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + file);
    }

    private List<Integer> legacyVersions() throws SQLException {
        List<Integer> out = new ArrayList<>();
        try (Connection c = connect();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT version FROM schema_version ORDER BY version")) {
            while (rs.next()) {
                out.add(rs.getInt(1));
            }
        }
        return out;
    }

    private List<String> tables() throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = connect();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
