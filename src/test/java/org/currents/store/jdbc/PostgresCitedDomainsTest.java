package org.currents.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import org.currents.store.ArchiveStore;
import org.currents.store.Stores;
import org.currents.testing.Archives;
import org.currents.testing.Postgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On PostgreSQL too the writer's domain of a URL is what migration V4's generated column
 * computed (PostgreSQL evaluating postgres/V4's own expression), and postgres/V8 turns an archive
 * with that column into one with a plain column and the same domains. Each engine's tests (jqwik's,
 * JUnit's) in a database of their own, dropped after.
 */
class PostgresCitedDomainsTest {
    private static Postgres server;
    private static Connection pg;
    private static PreparedStatement expression;

    @TempDir
    Path dir;

    @Property(tries = 2000)
    void computesWhatPostgresComputed(@ForAll("urls") String url) throws SQLException {
        assertThat(CitedDomains.of(url)).isEqualTo(postgres(url));
    }

    @Test
    void migrationEightKeepsTheDomainsOfAnArchiveWithAGeneratedColumn() throws SQLException {
        try (Postgres db = Postgres.create(PostgresCitedDomainsTest.class)) {
            migrates(db.freshSchema());
        }
    }

    private void migrates(String url) throws SQLException {
        try (ArchiveStore store = Stores.open(url)) {
            Archives.importFile(store, Archives.sample(dir));
        }
        List<String> written = rows(url);
        List<String> before;
        try (Connection c = DriverManager.getConnection(url);
                Statement st = c.createStatement()) {
            // back to before V8: domain the generated column V4 made
            OlderObservations.undoV12(c);
            st.execute("DROP INDEX citations_domain");
            st.execute("ALTER TABLE citations DROP COLUMN domain");
            st.execute("ALTER TABLE citations ADD COLUMN domain TEXT COLLATE \"C\" GENERATED ALWAYS AS ("
                    + v4Expression() + ") STORED");
            st.execute("CREATE INDEX citations_domain ON citations (domain)");
            st.execute("DELETE FROM flyway_schema_history WHERE CAST(version AS INTEGER) >= 8");
        }
        before = rows(url);
        assertThat(before).hasSizeGreaterThan(5).anyMatch(row -> row.endsWith(" bbc.com"));
        assertThat(before).as("the writer's domains are V4's").isEqualTo(written);
        try (ArchiveStore store = Stores.open(url)) { // a writer migrates
            assertThat(store.sourcesOf("bbc.com", null, 100)).isNotEmpty();
        }
        assertThat(rows(url)).isEqualTo(before);
        try (Connection c = DriverManager.getConnection(url);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT is_generated, is_nullable, collation_name"
                        + " FROM information_schema.columns WHERE table_schema = current_schema()"
                        + " AND table_name = 'citations' AND column_name = 'domain'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3))
                    .isEqualTo("NEVER NO C");
        }
    }

    private static List<String> rows(String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url)) {
            return CitedUrls.rows(c);
        }
    }

    private static synchronized Postgres server() {
        if (server == null) {
            server = Postgres.create(PostgresCitedDomainsTest.class);
        }
        return server;
    }

    /** The expression's value for {@code url}, from this class's database. */
    private static synchronized String postgres(String url) throws SQLException {
        if (expression == null) {
            pg = DriverManager.getConnection(server().freshSchema());
            expression = pg.prepareStatement("SELECT " + v4Expression() + " FROM (SELECT ?::text AS url) AS u");
        }
        expression.setString(1, url);
        try (ResultSet rs = expression.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }

    @AfterContainer
    static synchronized void dropDatabase() throws SQLException {
        if (pg != null) {
            pg.close();
            pg = null;
            expression = null;
        }
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /** The expression of postgres/V4's generated column, read from the migration itself. */
    private static String v4Expression() {
        try (InputStream in = org.currents.store.postgres.PostgresStore.class.getResourceAsStream("V4__search.sql")) {
            String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Matcher m = Pattern.compile(
                            "ADD COLUMN domain TEXT COLLATE \"C\" GENERATED ALWAYS AS \\((.*?)\\) STORED;",
                            Pattern.DOTALL)
                    .matcher(sql);
            if (!m.find()) {
                throw new IllegalStateException("postgres/V4 has no generated domain column");
            }
            return m.group(1);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Provide
    Arbitrary<String> urls() {
        return CitedUrls.urls();
    }
}
