package org.currents.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.currents.store.ArchiveStore;
import org.currents.store.Stores;
import org.currents.store.jdbc.Jdbc;
import org.currents.store.jdbc.SearchSql;
import org.currents.testing.Archives;
import org.currents.testing.ExportBuilder;
import org.currents.testing.Postgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL's one-statement test of a common word ({@link PostgresSearch#DENSE_ENDS}, a walk of
 * the primary key from the word's newest and oldest match) gives the answer of the rule it
 * replaces on this store, {@link SearchSql#weightless} (the 500 newest and oldest matches taken
 * from the index, then the versions between them counted), which SQLite still uses: on 1,000
 * versions where words recur with a period of 20 at densities 55 %, 60 % and 65 % at every
 * phase, for words whose 500 matches span exactly 833 versions (dense) or 834 (not), for a word
 * dense at one end only, and for pairs of them.
 */
class PostgresDenseTest {
    static final int DAYS = 10;
    static final int PER_DAY = 100;

    @TempDir
    static Path dir;

    static Postgres server;
    static String db;

    /**
     * 500 of the versions {@code first..last} (1-based, in import order), both ends included,
     * evenly spread: a word whose 500 matches span exactly {@code last - first + 1} versions.
     */
    static java.util.Set<Integer> spread(int first, int last) {
        java.util.Set<Integer> rows = new java.util.HashSet<>();
        for (int i = 0; i < SearchSql.SAMPLE; i++) {
            rows.add(first + (int) Math.round(i * (double) (last - first) / (SearchSql.SAMPLE - 1)));
        }
        assertThat(rows).hasSize(SearchSql.SAMPLE);
        return rows;
    }

    @BeforeAll
    static void archive() {
        int versions = DAYS * PER_DAY;
        // at the threshold: 500 matches in 833 versions are dense, in 834 they are not
        java.util.Set<Integer> xa = spread(versions - SearchSql.SPAN + 1, versions);
        java.util.Set<Integer> xb = spread(versions - SearchSql.SPAN, versions);
        server = Postgres.create(PostgresDenseTest.class);
        db = server.freshSchema();
        ExportBuilder export = new ExportBuilder();
        long rev = 90_000;
        for (int d = 1; d <= DAYS; d++) {
            List<String> lines = new ArrayList<>();
            for (int k = 0; k < PER_DAY; k++) {
                StringBuilder words = new StringBuilder();
                for (int j = 0; j < 20; j++) {
                    int phase = (k + j) % 20;
                    char c = (char) ('a' + j);
                    words.append(phase < 11 ? " u" + c : "")
                            .append(phase < 12 ? " w" + c : "")
                            .append(phase < 13 ? " v" + c : "");
                }
                int row = (d - 1) * PER_DAY + k + 1;
                words.append(xa.contains(row) ? " xa" : "")
                        .append(xb.contains(row) ? " xb" : "")
                        // xa's 500 and the oldest version: dense among the newest, not the oldest
                        .append(xa.contains(row) || row == 1 ? " xc" : "");
                lines.add("*Event " + d + "-" + k + words + ". [http://news.test/" + d + "/" + k + " (News)]");
            }
            export.page("Portal:Current events/2019 June " + d)
                    .revision(
                            rev++,
                            "2019-06-" + (d < 10 ? "0" : "") + d + "T10:00:00Z",
                            "Editor",
                            "day",
                            ExportBuilder.day(lines.toArray(String[]::new)));
        }
        try (ArchiveStore store = Stores.open(db)) {
            Archives.importFile(store, export.write(dir.resolve("dense.xml")));
            assertThat(store.stats()).containsEntry("events", (long) DAYS * PER_DAY);
        }
    }

    @AfterAll
    static void drop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theOneStatementTestAgreesWithTheSampledRuleAtEveryPhase() throws Exception {
        HikariDataSource pool = Pools.acquire(PostgresUrl.parse(db));
        try (Connection c = pool.getConnection()) {
            Jdbc jdbc = new Jdbc(c);
            PostgresSearch search = new PostgresSearch(jdbc);
            Map<String, Boolean> sampled = new LinkedHashMap<>();
            List<String> queries = new ArrayList<>();
            for (int j = 0; j < 20; j++) {
                char ch = (char) ('a' + j);
                queries.add("u" + ch);
                queries.add("w" + ch);
                queries.add("v" + ch);
                queries.add("w" + ch + " v" + (char) ('a' + (j + 7) % 20));
                queries.add("v" + ch + " u" + ch);
            }
            queries.add("xa");
            queries.add("xb");
            queries.add("xc");
            queries.add("xa event");
            queries.add("event");
            queries.add("zzzz");
            for (String q : queries) {
                boolean expected = SearchSql.weightless(jdbc, q, TsQueries::of, PostgresSearch.SAMPLE_WALK);
                sampled.put(q, expected);
                assertThat(search.weightless(q)).as(q).isEqualTo(expected);
            }
            // the cases are on both sides of the threshold, the 60 % words among them
            assertThat(sampled).containsEntry("event", true).containsEntry("zzzz", false);
            assertThat(sampled)
                    .containsEntry("xa", true)
                    .containsEntry("xb", false)
                    .containsEntry("xc", false)
                    .containsEntry("xa event", true);
            for (int j = 0; j < 20; j++) {
                char ch = (char) ('a' + j);
                assertThat(sampled).containsEntry("u" + ch, false).containsEntry("v" + ch, true);
            }
            assertThat(sampled.entrySet().stream()
                            .filter(e -> e.getKey().matches("w[a-t]"))
                            .map(Map.Entry::getValue)
                            .distinct())
                    .as("60 %% words: some dense, some not, by phase")
                    .containsExactlyInAnyOrder(true, false);
        } finally {
            Pools.release(pool);
        }
    }
}
