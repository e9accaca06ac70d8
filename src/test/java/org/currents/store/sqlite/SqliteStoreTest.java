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
                ResultSet rs = st.executeQuery("SELECT version FROM schema_version ORDER BY version")) {
            List<Integer> versions = new ArrayList<>();
            while (rs.next()) {
                versions.add(rs.getInt(1));
            }
            assertThat(versions).containsExactly(1, 2, 3, 4, 5).last().isEqualTo(Migrations.latest());
        }
        assertThat(tables())
                .contains(
                        "pages",
                        "revisions",
                        "wikitext",
                        "problems",
                        "bullets",
                        "observations",
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
                ResultSet rs = st.executeQuery("SELECT count(*), count(DISTINCT version) FROM schema_version")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(Migrations.latest()).isEqualTo(rs.getInt(2));
        }
    }

    @Test
    void upgradesAnArchiveOfAnOlderSchema() throws SQLException {
        store.close();
        try (Connection c = connect();
                Statement st = c.createStatement()) {
            for (String undo : SqliteFixture.UNDO_V4) {
                st.execute(undo);
            }
            st.execute("DROP TABLE redirects");
            st.execute("DROP TABLE source_meta");
            st.execute("DELETE FROM schema_version WHERE version >= 2");
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
        int newer = Migrations.latest() + 1;
        try (Connection c = connect();
                Statement st = c.createStatement()) {
            st.execute("INSERT INTO schema_version (version, applied_at) VALUES (" + newer + ", datetime('now'))");
        }

        assertThatThrownBy(() -> Stores.open(file.toString()))
                .isInstanceOf(StoreException.class)
                .hasMessage("open archive " + file + ": made by a newer currents (schema " + newer
                        + ", this build knows " + Migrations.latest() + ")");
    }

    @Test
    void splitsMigrationScriptsIntoStatements() {
        assertThat(Migrations.statements("-- a comment\nCREATE TABLE a (x INTEGER); -- trailing\n\n"
                        + "INSERT INTO a VALUES (1);\nCREATE INDEX a_x\n  ON a (x);\n"))
                .containsExactly(
                        "CREATE TABLE a (x INTEGER);", "INSERT INTO a VALUES (1);", "CREATE INDEX a_x\n  ON a (x);");
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
