package org.currents.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.currents.store.ArchiveStore;
import org.currents.store.StoredPage;
import org.currents.store.Stores;
import org.currents.testing.Generator;
import org.currents.testing.Postgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ImportCrashIT} on PostgreSQL: a child JVM importing into an archive on the real server
 * is stopped with Ctrl-C and with {@code kill -9}. Each time the pages committed are whole, the
 * writer's advisory lock dies with the killed session (the rerun does not wait for it), and a
 * rerun ends with the archive an uninterrupted import gives.
 */
class PostgresImportCrashIT {
    @TempDir
    static Path dir;

    static Postgres server;
    static Path xml;
    static SyncContractTest.Archive expected;

    @BeforeAll
    static void reference() throws Exception {
        server = Postgres.create(PostgresImportCrashIT.class);
        xml = Generator.generate(
                dir,
                "export",
                "--pages",
                Integer.toString(ImportCrashIT.PAGES),
                "--revisions",
                Integer.toString(ImportCrashIT.REVISIONS),
                "--seed",
                "5");
        String db = server.freshSchema();
        assertThat(ImportCrashIT.run("import", "--db=" + db, xml.toString())).isZero();
        expected = SyncContractTest.Archive.of(db);
        assertThat(expected.events()).isNotEmpty();
    }

    @AfterAll
    static void drop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void ctrlCStopsAfterAWholePageAndARerunFinishes() throws Exception {
        String db = server.freshSchema();
        Path log = dir.resolve("sigint.log");
        Process p = SyncCrashIT.currents(log, "import", "--db=" + db, xml.toString());
        ImportCrashIT.awaitProgress(p, log);
        SyncCrashIT.kill("INT", p);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readString(log))
                .contains("day pages; revisions:")
                .contains("stopped: interrupted")
                .contains("import the file again to go on");
        assertWholePages(db);
        assertThat(ImportCrashIT.run("import", "--no-wait", "--db=" + db, xml.toString()))
                .isZero();
        assertThat(SyncContractTest.Archive.of(db)).isEqualTo(expected);
    }

    @Test
    void aRerunAfterKillNineNeedsNoWaitForTheDeadWritersLock() throws Exception {
        for (int i = 1; i <= 2; i++) {
            String db = server.freshSchema();
            Path log = dir.resolve("kill-" + i + ".log");
            Process p = SyncCrashIT.currents(log, "import", "--db=" + db, xml.toString());
            ImportCrashIT.awaitProgress(p, log);
            Thread.sleep(100L * i);
            if (p.isAlive()) {
                SyncCrashIT.kill("9", p);
            }
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertWholePages(db);
            // --no-wait: a lock still held by the killed process's session would fail this run
            assertThat(ImportCrashIT.run("import", "--no-wait", "--db=" + db, xml.toString()))
                    .as("rerun after kill " + i)
                    .isZero();
            assertThat(SyncContractTest.Archive.of(db))
                    .as("archive after kill " + i)
                    .isEqualTo(expected);
        }
    }

    /** Every page in the archive holds all its revisions: no page was committed in part. */
    private static void assertWholePages(String db) {
        try (ArchiveStore store = Stores.open(db)) {
            for (StoredPage page : store.pages()) {
                assertThat(page.revisions()).as(page.title()).isEqualTo(ImportCrashIT.REVISIONS);
            }
        }
    }
}
