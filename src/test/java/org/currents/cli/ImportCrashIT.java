package org.currents.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.currents.store.ArchiveStore;
import org.currents.store.StoredPage;
import org.currents.store.Stores;
import org.currents.testing.Generator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two-thread import under interruption: a child JVM running {@code currents import} is
 * stopped midway with Ctrl-C (SIGINT) and with {@code kill -9}; each time the pages committed
 * are whole, and a rerun ends with the archive an uninterrupted import gives.
 */
class ImportCrashIT {
    static final int PAGES = 40;
    static final int REVISIONS = 40;

    @TempDir
    static Path dir;

    static Path xml;
    static SyncContractTest.Archive expected;

    @BeforeAll
    static void reference() throws Exception {
        xml = Generator.generate(
                dir,
                "export",
                "--pages",
                Integer.toString(PAGES),
                "--revisions",
                Integer.toString(REVISIONS),
                "--seed",
                "5");
        Path db = dir.resolve("reference.db");
        assertThat(run("import", "--db=" + db, xml.toString())).isZero();
        expected = SyncContractTest.Archive.of(db.toString());
        assertThat(expected.events()).isNotEmpty();
    }

    @Test
    void ctrlCStopsAfterAWholePageAndPrintsTheSummary() throws Exception {
        Path db = dir.resolve("sigint.db");
        Path log = dir.resolve("sigint.log");
        Process p = SyncCrashIT.currents(log, "import", "--db=" + db, xml.toString());
        awaitProgress(p, log);
        SyncCrashIT.kill("INT", p);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = Files.readString(log);
        assertThat(out)
                .contains("day pages; revisions:")
                .contains("stopped: interrupted")
                .contains("import the file again to go on");
        assertWholePages(db);
        assertThat(run("import", "--db=" + db, xml.toString())).isZero();
        assertThat(SyncContractTest.Archive.of(db.toString())).isEqualTo(expected);
    }

    @Test
    void everyRerunAfterAKillNineEndsWithTheArchiveOfAnUninterruptedImport() throws Exception {
        Random random = new Random(20261201);
        for (int i = 1; i <= 4; i++) {
            Path db = dir.resolve("kill-" + i + ".db");
            Path log = dir.resolve("kill-" + i + ".log");
            Process p = SyncCrashIT.currents(log, "import", "--db=" + db, xml.toString());
            awaitProgress(p, log);
            Thread.sleep(random.nextInt(300));
            if (p.isAlive()) {
                SyncCrashIT.kill("9", p);
            }
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertWholePages(db);
            assertThat(run("import", "--db=" + db, xml.toString())).isZero();
            assertThat(SyncContractTest.Archive.of(db.toString()))
                    .as("archive after kill " + i)
                    .isEqualTo(expected);
        }
    }

    /** Waits until the child reported reading its first MB (of about 13), or ended. */
    static void awaitProgress(Process p, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (p.isAlive() && !Files.readString(log).contains("%)") && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    /** Every page in the archive holds all its revisions: no page was committed in part. */
    private static void assertWholePages(Path db) {
        if (!Files.exists(db)) {
            return;
        }
        try (ArchiveStore store = Stores.open(db.toString())) {
            for (StoredPage page : store.pages()) {
                assertThat(page.revisions()).as(page.title()).isEqualTo(REVISIONS);
            }
        }
    }

    static int run(String... args) {
        StringWriter out = new StringWriter();
        int code = Currents.run(new PrintWriter(out, true), new PrintWriter(out, true), args);
        if (code != 0) {
            System.out.println(out);
        }
        return code;
    }
}
