package org.currents.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Flyway runs a folder's scripts as written, in the caller's transaction, each once. */
class MigrationsTest {
    private static final Migrations SCRIPTS = new Migrations("org/currents/store/jdbc/scripts");

    @TempDir
    Path dir;

    @Test
    void findsTheNewestScript() {
        assertThat(SCRIPTS.latest()).isEqualTo(2);
        assertThatThrownBy(() -> new Migrations("org/currents/store/jdbc/none"))
                .hasMessageContaining("no migrations in org/currents/store/jdbc/none");
    }

    @Test
    void refusesAFolderThatSkipsANumber() {
        // a script below the archive's version would never run: numbers must follow each other
        assertThatThrownBy(() -> new Migrations("org/currents/store/jdbc/gap"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("migrations in org/currents/store/jdbc/gap are not numbered 1..2: [1, 3]");
    }

    @Test
    void keepsDashesAndSemicolonsInsideLiteralsAndTriggerBodies() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("a.db"))) {
            migrateInTransaction(c, true);
            assertThat(column(c, "SELECT text FROM notes ORDER BY id"))
                    .containsExactly("a -- not a comment;\nand a second line", "two");
            assertThat(column(c, "SELECT text FROM log"))
                    .hasSize(2)
                    .first()
                    .asString()
                    .startsWith("added; a --");
            assertThat(Migrations.current(c, Migrations.HISTORY)).isEqualTo(2);

            migrateInTransaction(c, true);
            assertThat(column(c, "SELECT text FROM notes"))
                    .as("nothing applied twice")
                    .hasSize(2);
        }
    }

    @Test
    void whatRunsInTheCallersTransactionIsGoneWhenItRollsBack() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("b.db"))) {
            migrateInTransaction(c, false);
            assertThat(column(c, "SELECT name FROM sqlite_master WHERE type = 'table'"))
                    .isEmpty();
        }
    }

    @Test
    void takesOverAnArchiveAtTheVersionItReachedBeforeFlyway() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("c.db"));
                Statement st = c.createStatement()) {
            // as if V1 had run by other means: only V2 is to apply
            st.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)");
            c.setAutoCommit(false);
            SCRIPTS.migrate(Migrations.inTransaction(c), null, 1);
            c.commit();
            c.setAutoCommit(true);
            assertThat(column(c, "SELECT text FROM notes")).containsExactly("two");
            assertThat(column(
                            c, "SELECT type || ' ' || version FROM " + Migrations.HISTORY + " ORDER BY installed_rank"))
                    .containsExactly("BASELINE 1", "SQL 2");
        }
    }

    @Test
    void aFailingScriptIsNamedWithTheDatabasesOwnMessage() throws SQLException {
        // SQLite's exceptions have no SQL state: the check for another session's object must
        // not fail on that (it threw a NullPointerException, hiding the message)
        Migrations broken = new Migrations("org/currents/store/jdbc/broken");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("d.db"))) {
            c.setAutoCommit(false);
            assertThatThrownBy(() -> broken.migrate(Migrations.inTransaction(c), null, 0))
                    .isInstanceOf(SQLException.class)
                    .hasMessageStartingWith("migration failed: ")
                    .hasMessageContaining("no such table: nowhere");
            c.rollback();
        }
    }

    private static void migrateInTransaction(Connection c, boolean commit) throws SQLException {
        c.setAutoCommit(false);
        SCRIPTS.migrate(Migrations.inTransaction(c), null, 0);
        if (commit) {
            c.commit();
        } else {
            c.rollback();
        }
        c.setAutoCommit(true);
    }

    private static List<String> column(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
