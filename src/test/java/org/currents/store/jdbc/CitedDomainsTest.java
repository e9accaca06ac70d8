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
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.currents.store.ArchiveStore;
import org.currents.store.Stores;
import org.currents.testing.Archives;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The writer's domain of a URL is the value of the SQL expression migration V4 made a generated
 * column (and V8 fills older rows with), evaluated by SQLite itself; and V8 turns an archive
 * with the generated column into one whose domains are the same.
 */
class CitedDomainsTest {
    private static Connection sqlite;
    private static PreparedStatement expression;

    @TempDir
    Path dir;

    @Property(tries = 5000)
    void computesWhatSqliteComputes(@ForAll("urls") String url) throws SQLException {
        assertThat(CitedDomains.of(url)).isEqualTo(sqlite(url));
    }

    @ParameterizedTest
    @CsvSource({
        "https://www.BBC.co.uk/news/1, bbc.co.uk",
        "http://user:pw@Example.org:8080/x?y#z, example.org",
        "https://news.example.com?q=1, news.example.com",
        "https://WWW.Reuters.com#top, reuters.com",
        "no scheme here, ''",
        "https://, ''",
        "https://wwwx.example/, wwwx.example",
        "https://ÉCOLE.fr/, École.fr"
    })
    void takesTheHostLowerCaseWithoutWwwPortOrUser(String url, String domain) throws SQLException {
        assertThat(CitedDomains.of(url)).isEqualTo(domain).isEqualTo(sqlite(url));
    }

    @Test
    void migrationEightKeepsTheDomainsOfAnArchiveWithAGeneratedColumn() throws SQLException {
        String db = dir.resolve("archive.db").toString();
        List<String> before = new ArrayList<>();
        try (ArchiveStore store = Archives.open(dir)) {
            Archives.importFile(store, Archives.sample(dir));
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement st = c.createStatement()) {
            // back to before V8: domain a generated column again
            OlderObservations.undoV12(c);
            st.execute("DROP INDEX citations_domain");
            st.execute("ALTER TABLE citations DROP COLUMN domain");
            st.execute("ALTER TABLE citations ADD COLUMN domain TEXT GENERATED ALWAYS AS (" + v4Expression()
                    + ") VIRTUAL");
            st.execute("CREATE INDEX citations_domain ON citations (domain)");
            st.execute("DELETE FROM schema_version WHERE version >= 8");
            st.execute("DELETE FROM flyway_schema_history WHERE CAST(version AS INTEGER) >= 8");
            before.addAll(CitedUrls.rows(c));
        }
        assertThat(before).hasSizeGreaterThan(5).anyMatch(row -> row.endsWith(" bbc.com"));
        try (ArchiveStore store = Stores.open(db)) { // a writer migrates
            assertThat(store.sourcesOf("bbc.com", null, 100)).isNotEmpty();
        }
        List<String> after;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement st = c.createStatement()) {
            after = CitedUrls.rows(c);
            try (ResultSet rs = st.executeQuery("SELECT sql FROM sqlite_master WHERE name = 'citations'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).doesNotContain("GENERATED");
            }
        }
        assertThat(after).isEqualTo(before);
    }

    /** The expression's value for {@code url}, from an in-memory SQLite (one for the class, jqwik's and JUnit's tests alike). */
    private static synchronized String sqlite(String url) throws SQLException {
        if (expression == null) {
            sqlite = DriverManager.getConnection("jdbc:sqlite::memory:");
            expression = sqlite.prepareStatement("SELECT " + v4Expression() + " FROM (SELECT ? AS url)");
        }
        expression.setString(1, url);
        try (ResultSet rs = expression.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** The expression of V4's generated column, read from the migration itself. */
    private static String v4Expression() {
        try (InputStream in = org.currents.store.sqlite.SqliteStore.class.getResourceAsStream("V4__search.sql")) {
            String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Matcher m =
                    Pattern.compile("GENERATED ALWAYS AS \\((.*)\\) VIRTUAL;").matcher(sql);
            if (!m.find()) {
                throw new IllegalStateException("V4 has no generated domain column");
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
