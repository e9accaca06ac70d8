package org.currents.store.sqlite;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import org.currents.store.SourceStore;
import org.currents.store.jdbc.Sources;

/**
 * A real SQLite file with the archive's schema (migrations V1 and V2 run from resources) and
 * hand-made events and citations, for tests of source metadata that need precise rows
 * (events on chosen days citing chosen URLs) without importing a history to get them.
 */
public final class SqliteFixture implements AutoCloseable {
    /** Statements that take an archive back from schema 8 to 3 (for tests of older archives). */
    static final String[] UNDO_V4 = {
        "DROP TABLE enrich_claims",
        "DROP TABLE enrich_hosts",
        "DROP TABLE enrich_robots",
        "DROP TRIGGER bullets_search",
        "DROP TABLE search",
        "DROP INDEX versions_bullet",
        "DROP INDEX citations_domain",
        "ALTER TABLE citations DROP COLUMN domain",
        "DELETE FROM schema_version WHERE version >= 4",
        "DELETE FROM flyway_schema_history WHERE CAST(version AS INTEGER) >= 4",
    };

    private final Connection connection;
    private final Sources sources;

    private SqliteFixture(Connection connection) {
        this.connection = connection;
        this.sources = new Sources(connection, new SqliteDialect("test database"));
    }

    /** Creates the database file {@code file} with the schema. */
    public static SqliteFixture create(Path file) {
        try {
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
            for (String migration : new String[] {"V1__archive.sql", "V2__source_meta.sql"}) {
                runScript(c, migration);
            }
            return new SqliteFixture(c);
        } catch (SQLException e) {
            throw new IllegalStateException("create test database " + file, e);
        }
    }

    private static void runScript(Connection c, String name) throws SQLException {
        String sql;
        try (InputStream in = SqliteStore.class.getResourceAsStream(name)) {
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StringBuilder plain = new StringBuilder();
        for (String line : sql.split("\n")) {
            int comment = line.indexOf("--");
            plain.append(comment >= 0 ? line.substring(0, comment) : line).append('\n');
        }
        try (Statement st = c.createStatement()) {
            for (String statement : plain.toString().split(";")) {
                if (!statement.isBlank()) {
                    st.executeUpdate(statement);
                }
            }
        }
    }

    public SourceStore sources() {
        return sources;
    }

    /** Adds an event on {@code day} citing {@code urls} in order (ord 0 first). */
    public SqliteFixture event(String id, LocalDate day, String... urls) {
        try (PreparedStatement ev = connection.prepareStatement(
                        "INSERT INTO events (id, page_id, day, first_revision_id, bullet_key, position, status,"
                                + " removed_revision_id, changed_seq) VALUES (?, 1, ?, 1, 'k', 0, 'current', 0, 0)");
                PreparedStatement cite =
                        connection.prepareStatement("INSERT INTO citations (event_id, ord, url) VALUES (?, ?, ?)")) {
            ev.setString(1, id);
            ev.setString(2, day.toString());
            ev.executeUpdate();
            for (int i = 0; i < urls.length; i++) {
                cite.setString(1, id);
                cite.setInt(2, i);
                cite.setString(3, urls[i]);
                cite.executeUpdate();
            }
            return this;
        } catch (SQLException e) {
            throw new IllegalStateException("add test event " + id, e);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException("close test database", e);
        }
    }
}
