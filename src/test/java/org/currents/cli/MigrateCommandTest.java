package org.currents.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.currents.store.ArchiveStore;
import org.currents.store.SearchHit;
import org.currents.store.SearchQuery;
import org.currents.store.Stores;
import org.currents.testing.Archives;
import org.currents.testing.Postgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 9: {@code migrate} copies a whole archive SQLite → PostgreSQL → SQLite; the export stays the same. */
class MigrateCommandTest {
    private static Postgres server;

    @TempDir
    Path dir;

    @BeforeAll
    static void createDatabase() {
        server = Postgres.create(MigrateCommandTest.class);
    }

    @AfterAll
    static void dropDatabase() {
        server.close();
    }

    @Test
    void aRoundTripThroughPostgresqlGivesTheSameExportAndAWorkingArchive() throws Exception {
        String original = dir.resolve("original.db").toString();
        String postgres = server.freshSchema();
        String back = dir.resolve("back.db").toString();
        Cli.expect(0, "import", "--db=" + original, Archives.sample(dir).toString());

        Cli.Run there = Cli.expect(0, "migrate", "--from=" + original, "--to=" + postgres);
        assertThat(there.err()).contains("migrate: revisions: ").contains("migrate: events: ");
        assertThat(there.out()).startsWith("copied " + original + " into ");
        Cli.expect(0, "migrate", "--from=" + postgres, "--to=" + back);

        byte[] expected = export(original, "original.jsonl");
        assertThat(expected).isNotEmpty();
        assertThat(export(postgres, "postgres.jsonl")).isEqualTo(expected);
        assertThat(export(back, "back.jsonl")).isEqualTo(expected);

        try (ArchiveStore a = Stores.open(original);
                ArchiveStore b = Stores.open(back);
                ArchiveStore p = Stores.open(postgres)) {
            assertThat(b.stats()).isEqualTo(a.stats());
            assertThat(p.stats()).isEqualTo(a.stats());
            // the copies' search tables were filled by their triggers
            assertThat(p.search(SearchQuery.of("Trump", 100)).hits().stream()
                            .map(SearchHit::id)
                            .sorted())
                    .containsExactlyElementsOf(a.search(SearchQuery.of("Trump", 100)).hits().stream()
                            .map(SearchHit::id)
                            .sorted()
                            .toList());
            assertThat(b.search(SearchQuery.of("Trump", 100)).hits())
                    .isEqualTo(a.search(SearchQuery.of("Trump", 100)).hits());
            // and both go on as archives: a page the copy did not know gets a new id
            long next = p.page(new org.currents.model.WikiPage(
                    "Portal:Current events/2030 January 1", java.time.LocalDate.of(2030, 1, 1), 0));
            assertThat(next)
                    .isGreaterThan(
                            p.pages().stream().mapToLong(s -> s.id()).max().orElseThrow());
        }
    }

    @Test
    void refusesATargetThatIsNotEmpty() throws Exception {
        String a = dir.resolve("a.db").toString();
        String b = dir.resolve("b.db").toString();
        Cli.expect(0, "import", "--db=" + a, Archives.sample(dir).toString());
        Cli.expect(0, "import", "--db=" + b, Archives.sample(dir).toString());
        Cli.Run r = Cli.expect(1, "migrate", "--from=" + a, "--to=" + b);
        assertThat(r.err()).contains("is not empty: copy into a new archive only");
    }

    private byte[] export(String db, String name) throws Exception {
        Path out = dir.resolve(name);
        Cli.expect(0, "export", "--db=" + db, "--out=" + out);
        return Files.readAllBytes(out);
    }
}
