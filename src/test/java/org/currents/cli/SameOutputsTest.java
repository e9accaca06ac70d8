package org.currents.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.currents.relate.ContextIndexer;
import org.currents.store.ArchiveStore;
import org.currents.store.EventSummary;
import org.currents.store.Stores;
import org.currents.testing.Archives;
import org.currents.testing.Postgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9: the same input imported into SQLite and into PostgreSQL gives the same archive, byte
 * for byte where it shows: the same event ids, the same JSON export, the same built site (the
 * Markdown archive and the HTML site, the seed page among them), through the commands a user runs.
 * Both keep the same Related lists in their index, which the builds read.
 */
class SameOutputsTest {
    private static Postgres server;

    @TempDir
    Path dir;

    @BeforeAll
    static void createDatabase() {
        server = Postgres.create(SameOutputsTest.class);
    }

    @AfterAll
    static void dropDatabase() {
        server.close();
    }

    @Test
    void sqliteAndPostgresqlGiveTheSameIdsExportAndSite() throws Exception {
        String sqlite = dir.resolve("archive.db").toString();
        String postgres = server.url();
        String sample = Archives.sample(dir).toString();
        for (String db : new String[] {sqlite, postgres}) {
            Cli.expect(0, "import", "--db=" + db, sample);
            Cli.expect(0, "rebuild", "--db=" + db); // follows every history again, the same way
        }

        try (ArchiveStore a = Stores.open(sqlite);
                ArchiveStore b = Stores.open(postgres)) {
            assertThat(b.eventSummaries())
                    .extracting(EventSummary::id)
                    .isNotEmpty()
                    .containsExactlyElementsOf(
                            a.eventSummaries().stream().map(EventSummary::id).toList());
            assertThat(b.stats()).isEqualTo(a.stats());
            // the builds below read the stored Related lists (issue 10), not a relating of their own
            assertThat(ContextIndexer.relatedIndexed(a)).isTrue();
            assertThat(ContextIndexer.relatedIndexed(b)).isTrue();
            assertThat(b.allRelatedLists()).isNotEmpty().isEqualTo(a.allRelatedLists());
        }

        Path exportA = dir.resolve("sqlite.jsonl");
        Path exportB = dir.resolve("postgres.jsonl");
        Cli.expect(0, "export", "--db=" + sqlite, "--out=" + exportA);
        Cli.expect(0, "export", "--db=" + postgres, "--out=" + exportB);
        assertThat(Files.size(exportA)).isPositive();
        assertThat(Files.readAllBytes(exportB)).isEqualTo(Files.readAllBytes(exportA));

        Path siteA = dir.resolve("site-sqlite");
        Path siteB = dir.resolve("site-postgres");
        Cli.expect(0, "build", "--db=" + sqlite, "--out=" + siteA);
        Cli.expect(0, "build", "--db=" + postgres, "--out=" + siteB);
        Map<String, byte[]> a = files(siteA);
        Map<String, byte[]> b = files(siteB);
        assertThat(a)
                .containsKey("news/2017/07/9/u-s-president-donald-trump-says-he-and-russian-president-"
                        + "vladimir-putin-discussed-forming-an-impenetrable-cyber-security-unit-so-that-elec.md");
        assertThat(a).hasSizeGreaterThan(50);
        assertThat(b.keySet()).containsExactlyElementsOf(a.keySet());
        List<String> differ = new ArrayList<>();
        a.forEach((name, bytes) -> {
            if (!Arrays.equals(bytes, b.get(name))) {
                differ.add(name);
            }
        });
        assertThat(differ).as("files that differ").isEmpty();
    }

    /** Every file under {@code root} but the build's own journal, by relative path. */
    private static Map<String, byte[]> files(Path root) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                String name = root.relativize(p).toString();
                if (!name.startsWith(".currents-build")) { // names the archive it was built from
                    out.put(name, Files.readAllBytes(p));
                }
            }
        }
        return out;
    }
}
