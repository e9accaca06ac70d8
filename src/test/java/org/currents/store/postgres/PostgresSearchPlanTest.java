package org.currents.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.currents.store.ArchiveStore;
import org.currents.store.Stores;
import org.currents.testing.Postgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What PostgreSQL needs to plan a search well (BENCHMARKS.md, search on PostgreSQL): every
 * connection of the store plans each statement for its values and prices a page read as a
 * cached one, and V10 keeps the largest statistics of the search rows' lexemes. Without the
 * first, pgJDBC's server-side statements (from their 5th use) got a generic plan that walked
 * every version for a rare word; without the others, a rare word or a phrase of common words
 * (50-380 ms on 202k versions) walked the primary key instead of the GIN index.
 */
class PostgresSearchPlanTest {
    private static Postgres server;

    @BeforeAll
    static void createDatabase() {
        server = Postgres.create(PostgresSearchPlanTest.class);
    }

    @AfterAll
    static void dropDatabase() {
        server.close();
    }

    @Test
    void everyConnectionPlansForItsValuesAndTheLexemesHaveFullStatistics() throws SQLException {
        String db = server.freshSchema();
        try (ArchiveStore store = Stores.open(db)) { // a writer: migrates to V10
            assertThat(store.stats()).containsEntry("pages", 0L);
        }
        HikariDataSource pool = Pools.acquire(PostgresUrl.parse(db));
        try {
            // more connections than one, so that a setting made once (not per connection) fails
            Connection[] held = new Connection[3];
            for (int i = 0; i < held.length; i++) {
                held[i] = pool.getConnection();
            }
            try {
                for (Connection c : held) {
                    assertThat(value(c, "SHOW plan_cache_mode")).isEqualTo("force_custom_plan");
                    assertThat(Double.parseDouble(value(c, "SHOW random_page_cost")))
                            .isLessThan(2.0);
                }
                assertThat(value(
                                held[0],
                                "SELECT a.attstattarget FROM pg_attribute a"
                                        + " WHERE a.attrelid = 'search_docs'::regclass AND a.attname = 'doc'"))
                        .isEqualTo("10000");
            } finally {
                for (Connection c : held) {
                    c.close();
                }
            }
        } finally {
            Pools.release(pool);
        }
    }

    private static String value(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }
}
