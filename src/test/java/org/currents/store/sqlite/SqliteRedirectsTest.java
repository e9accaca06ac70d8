package org.currents.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.currents.store.StoreException;
import org.currents.store.jdbc.Redirects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteRedirectsTest {
    static final Instant MONDAY = Instant.parse("2025-03-03T10:00:00Z");
    static final Instant TUESDAY = Instant.parse("2025-03-04T10:00:00.250Z");

    @TempDir
    Path dir;

    Connection connection;
    Redirects redirects;

    @BeforeEach
    void open() throws Exception {
        connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("archive.db"));
        // the store's own migrations: V1, V2 and V3 from resources
        SqliteMigrations.apply(connection);
        assertThat(SqliteMigrations.current(connection)).isGreaterThanOrEqualTo(3);
        redirects = new Redirects(connection, new SqliteDialect("test database"));
    }

    @AfterEach
    void close() throws Exception {
        connection.close();
    }

    @Test
    void anArchiveOpenedByTheStoreHasTheTable() throws Exception {
        Path db = dir.resolve("store.db");
        SqliteStore.open(db.toString()).close();

        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            new Redirects(c, new SqliteDialect("test database")).saveRedirects(Map.of("UK", "United Kingdom"), MONDAY);
            assertThat(new Redirects(c, new SqliteDialect("test database")).redirectTargets(List.of("UK")))
                    .containsEntry("UK", "United Kingdom");
        }
    }

    @Test
    void givesBackWhatWasSavedAndNothingElse() {
        redirects.saveRedirects(Map.of("Trump", "Donald Trump", "Donald Trump", "Donald Trump"), MONDAY);

        assertThat(redirects.redirectTargets(List.of("Trump", "Donald Trump", "UK")))
                .isEqualTo(Map.of("Trump", "Donald Trump", "Donald Trump", "Donald Trump"));
    }

    @Test
    void survivesReopeningTheFile() throws Exception {
        redirects.saveRedirects(Map.of("UK", "United Kingdom"), MONDAY);
        connection.close();

        connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("archive.db"));
        assertThat(new Redirects(connection, new SqliteDialect("test database")).redirectTargets(List.of("UK")))
                .containsExactly(Map.entry("UK", "United Kingdom"));
    }

    @Test
    void aNewerResolutionReplacesTheOlderOne() {
        redirects.saveRedirects(Map.of("Trump", "Trump (disambiguation)"), MONDAY);
        redirects.saveRedirects(Map.of("Trump", "Donald Trump"), TUESDAY);

        assertThat(redirects.redirectTargets(List.of("Trump"))).containsEntry("Trump", "Donald Trump");
        assertThat(redirects.redirectsResolvedBefore(TUESDAY, 10)).isEmpty();
        assertThat(redirects.redirectsResolvedBefore(TUESDAY.plusSeconds(1), 10))
                .containsExactly("Trump");
    }

    @Test
    void listsStaleResolutionsOldestFirst() {
        redirects.saveRedirects(Map.of("B", "B"), TUESDAY);
        redirects.saveRedirects(Map.of("A", "A", "C", "C"), MONDAY);

        assertThat(redirects.redirectsResolvedBefore(TUESDAY.plusSeconds(5), 2)).containsExactly("A", "C");
        assertThat(redirects.redirectsResolvedBefore(MONDAY, 10)).isEmpty();
    }

    @Test
    void handlesMoreTitlesThanOneStatementTakes() {
        Map<String, String> many = new LinkedHashMap<>();
        List<String> titles = new ArrayList<>();
        for (int i = 0; i < 1234; i++) {
            many.put("Title " + i, "Target " + (i % 10));
            titles.add("Title " + i);
        }
        redirects.saveRedirects(many, MONDAY);

        assertThat(redirects.redirectTargets(titles)).isEqualTo(many);
    }

    @Test
    void savesAllOrNothing() throws Exception {
        Map<String, String> withNull = new HashMap<>();
        withNull.put("A", "A");
        withNull.put("B", null);

        assertThatThrownBy(() -> redirects.saveRedirects(withNull, MONDAY)).isInstanceOf(NullPointerException.class);
        assertThat(redirects.redirectTargets(List.of("A", "B"))).isEmpty();
        assertThat(connection.getAutoCommit()).isTrue();
    }

    @Test
    void joinsTheCallersTransaction() throws Exception {
        connection.setAutoCommit(false);
        redirects.saveRedirects(Map.of("UK", "United Kingdom"), MONDAY);
        connection.rollback();

        assertThat(redirects.redirectTargets(List.of("UK"))).isEmpty();
    }

    @Test
    void namesTheOperationWhenTheDatabaseFails() throws Exception {
        try (Statement st = connection.createStatement()) {
            st.execute("DROP TABLE redirects");
        }

        assertThatThrownBy(() -> redirects.saveRedirects(Map.of("UK", "United Kingdom"), MONDAY))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("save 1 redirects (first: UK)");
        assertThatThrownBy(() -> redirects.redirectTargets(List.of("UK")))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("read redirects of 1 titles (first: UK)");
    }
}
