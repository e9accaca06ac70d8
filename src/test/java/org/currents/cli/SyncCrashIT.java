package org.currents.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.currents.source.DayPageTitle;
import org.currents.source.api.FakeMediaWiki;
import org.currents.source.api.Histories;
import org.currents.testing.Generator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety of live sync: a child JVM running {@code currents sync} is killed with {@code kill
 * -9} at random points, twenty times; after each, a rerun of the same sync ends with the archive an
 * uninterrupted run gives. The kill points are uniform over the time an uninterrupted child run
 * works (from its first request to its end), fixed by the seed. Also: {@code watch} stops cleanly on SIGTERM.
 */
class SyncCrashIT {
    static final LocalDate FROM = LocalDate.of(2024, 1, 1);
    static final int PAGES = 5;

    @TempDir
    static Path dir;

    static FakeMediaWiki wiki;
    static LocalDate to;

    @BeforeAll
    static void wiki() throws Exception {
        Path xml = Generator.generate(
                dir, "history", "--pages", Integer.toString(PAGES), "--revisions", "30", "--seed", "11");
        wiki = FakeMediaWiki.start();
        List<String> seen = new ArrayList<>();
        Histories.loadExport(xml, wiki, title -> {
            seen.add(title);
            return DayPageTitle.of(FROM.plusDays(seen.size() - 1L));
        });
        to = FROM.plusDays(PAGES);
        // Slow enough that a kill lands in the middle of the work, not before or after it.
        wiki.responseDelay(Duration.ofMillis(25));
    }

    @AfterAll
    static void stop() {
        wiki.close();
    }

    static Process currents(Path log, String... args) throws IOException {
        return ChildCurrents.start(log, args);
    }

    static String[] sync(Path db) {
        return new String[] {
            "sync",
            "--db=" + db,
            "--api=" + wiki.api(),
            "--contact=crash-test@example.org",
            "--from=" + FROM,
            "--to=" + to
        };
    }

    static void kill(String signal, Process p) throws Exception {
        ChildCurrents.kill(signal, p);
    }

    /** Starts a child sync; returns it once the fake wiki saw its first request. */
    static Process startSync(Path db, Path log) throws Exception {
        int before = wiki.requestCount();
        Process p = currents(log, sync(db));
        while (wiki.requestCount() == before && p.isAlive()) {
            Thread.sleep(5);
        }
        return p;
    }

    @Test
    void everyRerunAfterAKillNineEndsWithTheArchiveOfAnUninterruptedRun() throws Exception {
        Path reference = dir.resolve("reference.db");
        Process whole = startSync(reference, dir.resolve("reference.log"));
        long start = System.nanoTime();
        assertThat(whole.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(whole.exitValue())
                .as(Files.readString(dir.resolve("reference.log")))
                .isZero();
        long working = (System.nanoTime() - start) / 1_000_000;
        SyncContractTest.Archive expected = SyncContractTest.Archive.of(reference.toString());
        String expectedExport = export(reference).output();
        assertThat(expected.events()).isNotEmpty();

        Random random = new Random(20261126);
        List<String> report = new ArrayList<>();
        for (int i = 1; i <= KillNineIT.TRIALS; i++) {
            Path db = dir.resolve("crash-" + i + ".db");
            long at = random.nextLong(working);
            Process p = startSync(db, dir.resolve("crash-" + i + ".log"));
            boolean ended = !ChildCurrents.killNineAfter(p, at);
            if (Files.exists(db)) {
                KillNineIT.assertSaysSoUnlessWhole(export(db), expectedExport, "sync kill " + i);
            }
            Long revisions = SyncContractTest.Archive.of(db.toString()).stats().get("revisions");
            report.add("kill -9 " + i + ": " + at + " ms after the first request (an uninterrupted run works " + working
                    + " ms)" + (ended ? ", after the end" : "") + "; " + revisions + " revisions committed");

            // the rerun in this JVM, warm, to keep the test short: the same code as the child's
            StringWriter rerun = new StringWriter();
            assertThat(Currents.run(new PrintWriter(rerun, true), new PrintWriter(rerun, true), sync(db)))
                    .as(rerun.toString())
                    .isZero();
            SyncContractTest.Archive got = SyncContractTest.Archive.of(db.toString());
            assertThat(got.pages()).as("pages after kill " + i).isEqualTo(expected.pages());
            assertThat(got.events()).as("events after kill " + i).isEqualTo(expected.events());
            assertThat(got.stats()).as("stats after kill " + i).isEqualTo(expected.stats());
        }
        report.forEach(System.out::println);
    }

    static KillNineIT.Read export(Path db) throws IOException {
        Path out = dir.resolve("between.jsonl");
        Files.deleteIfExists(out);
        Cli.Run r = Cli.run("export", "--db=" + db, "--out=" + out);
        return new KillNineIT.Read(r.code(), Files.exists(out) ? Files.readString(out) : "", r.err());
    }

    @Test
    void watchStopsCleanlyOnSigterm() throws Exception {
        Path log = dir.resolve("watch.log");
        Process p = currents(
                log,
                "watch",
                "--db=" + dir.resolve("watch.db"),
                "--api=" + wiki.api(),
                "--contact=crash-test@example.org",
                "--days=2",
                "--every=1h");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.readString(log).contains(" cycle 1: ") && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(Files.readString(log)).contains(" cycle 1: ");

        kill("TERM", p);

        assertThat(p.waitFor(10, TimeUnit.SECONDS))
                .as("watch ended within 10 s of SIGTERM")
                .isTrue();
        assertThat(Files.readString(log)).endsWith("watch stopped\n");
        assertThat(p.exitValue()).isEqualTo(128 + 15);
    }
}
