package org.currents.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.currents.testing.Generator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety of every command that works for a while: a child JVM running {@code import},
 * {@code rebuild}, {@code enrich}, {@code build} or {@code migrate} is killed with {@code kill -9} at a random
 * point, {@value #TRIALS} times each ({@code sync}: {@link SyncCrashIT}). After each kill, a
 * reader in between either gets the whole archive or says what is unfinished, and a rerun ends
 * with the archive (and site) of an uninterrupted run. Kill points are uniform over an
 * uninterrupted child's run, from its start to its end, fixed by the seed; the report (printed)
 * says where each landed.
 */
class KillNineIT {
    static final int TRIALS = 20;

    @TempDir
    static Path dir;

    static Path export;
    static Path imported;
    static String referenceExport;
    static SyncContractTest.Archive reference;

    @BeforeAll
    static void archive() throws Exception {
        export = Generator.generate(dir, "history", "--pages", "8", "--revisions", "20", "--seed", "5");
        imported = dir.resolve("imported.db");
        SyncContractTest.run("import", "--db=" + imported, export.toString());
        reference = SyncContractTest.Archive.of(imported.toString());
        referenceExport = exportOf(imported).output();
        assertThat(reference.events()).hasSizeGreaterThan(50);
    }

    /** What a reader ({@code export}) in between got: exit code, the export, what it said. */
    record Read(int code, String output, String said) {}

    static Read exportOf(Path db) throws IOException {
        return exportOf(db.toString());
    }

    /** As above, for any {@code --db} (a PostgreSQL URL). */
    static Read exportOf(String db) throws IOException {
        Path out = dir.resolve("between.jsonl");
        Files.deleteIfExists(out);
        Cli.Run r = Cli.run("export", "--db=" + db, "--out=" + out);
        return new Read(r.code(), Files.exists(out) ? Files.readString(out) : "", r.err());
    }

    /** A trial's child: its arguments, given the trial's number. */
    interface Child {
        String[] args(int trial) throws Exception;
    }

    /** What to check once the child ended or was killed, and the rerun. */
    interface AfterKill {
        void check(int trial, boolean killed) throws Exception;
    }

    /**
     * Runs the campaign: an uninterrupted child first (its time is the span kills are drawn
     * from), then {@link #TRIALS} children each killed at a random point. A child that ends
     * before its kill gives its own time as the span from then on: the first child can be the
     * slowest (cold caches), and CI once saw 11 of 20 upgrade kills drawn past the end of
     * children that took 950 ms of the first one's 1,239.
     */
    static List<String> killNine(String name, Child child, AfterKill after) throws Exception {
        long start = System.nanoTime();
        ChildCurrents.Ended whole = ChildCurrents.run(dir.resolve(name + "-whole.log"), child.args(0));
        long span = (System.nanoTime() - start) / 1_000_000;
        assertThat(whole.code()).as(whole.output()).isZero();
        after.check(0, false);
        Random random = new Random(name.hashCode() * 31L + 20261201);
        List<String> report = new ArrayList<>();
        int killed = 0;
        for (int i = 1; i <= TRIALS; i++) {
            long at = random.nextLong(span);
            String[] args = child.args(i);
            long started = System.nanoTime();
            Process p = ChildCurrents.start(dir.resolve(name + "-" + i + ".log"), args);
            boolean k = ChildCurrents.killNineAfter(p, at);
            long took = (System.nanoTime() - started) / 1_000_000;
            killed += k ? 1 : 0;
            report.add(name + " kill -9 " + i + ": at " + at + " ms of " + span
                    + (k ? "" : " (it had ended, after " + took + " ms)"));
            if (!k && took > 0) {
                span = Math.min(span, took);
            }
            after.check(i, k);
        }
        report.add(name + ": " + killed + " of " + TRIALS + " children killed before their end");
        report.forEach(System.out::println);
        assertThat(killed).as("kills that landed before the end").isGreaterThanOrEqualTo(TRIALS / 2);
        return report;
    }

    /** A reader in between: the whole archive, or nothing yet, or it says what is unfinished. */
    static void assertSaysSoUnlessWhole(Read read, String expected, String when) {
        boolean whole = read.code() == 0 && read.output().equals(expected);
        boolean empty = read.code() == 0 && read.output().isBlank(); // nothing committed yet
        boolean saysSo = read.said().contains("warning: archive") || read.code() != 0;
        assertThat(whole || empty || saysSo)
                .as(when + ": export wrote partial data without saying so: " + read.said())
                .isTrue();
        assertThat(read.said()).as(when).doesNotContain("SQLITE_");
    }

    @Test
    void aKilledImportRerunGivesTheArchiveOfAnUninterruptedOne() throws Exception {
        killNine(
                "import",
                i -> new String[] {"import", "--db=" + dir.resolve("import-" + i + ".db"), export.toString()},
                (i, killed) -> {
                    Path db = dir.resolve("import-" + i + ".db");
                    if (Files.exists(db)) {
                        assertSaysSoUnlessWhole(exportOf(db), referenceExport, "import kill " + i);
                    }
                    Cli.expect(0, "import", "--db=" + db, export.toString());
                    assertSameArchive(db, reference, "import kill " + i);
                    Read after = exportOf(db);
                    assertThat(after.output()).isEqualTo(referenceExport);
                    assertThat(after.said()).doesNotContain("warning");
                });
    }

    /**
     * {@code migrate} writes its target in one transaction: killed at any point, the target is
     * empty (a rerun copies it whole) or already whole (a rerun is refused: it is not empty),
     * never half; here from a SQLite file into PostgreSQL, a new schema per trial.
     */
    @Test
    void aKilledMigrateLeavesTheTargetEmptyOrWholeAndARerunCopiesIt() throws Exception {
        try (org.currents.testing.Postgres server = org.currents.testing.Postgres.create(KillNineIT.class)) {
            Map<Integer, String> targets = new TreeMap<>();
            killNine(
                    "migrate",
                    i -> {
                        targets.put(i, server.freshSchema());
                        return new String[] {"migrate", "--from=" + imported, "--to=" + targets.get(i)};
                    },
                    (i, killed) -> {
                        String target = targets.get(i);
                        Read between = exportOf(target);
                        assertSaysSoUnlessWhole(between, referenceExport, "migrate kill " + i);
                        if (!(between.code() == 0 && between.output().equals(referenceExport))) {
                            assertThat(between.output())
                                    .as("migrate kill %d: the target holds nothing yet", i)
                                    .isBlank();
                            Cli.expect(0, "migrate", "--from=" + imported, "--to=" + target);
                        } else {
                            assertThat(Cli.expect(1, "migrate", "--from=" + imported, "--to=" + target)
                                            .err())
                                    .contains("is not empty");
                        }
                        assertThat(exportOf(target).output())
                                .as("migrate kill %d, then a rerun", i)
                                .isEqualTo(referenceExport);
                    });
        }
    }

    /**
     * The first writer of a new build upgrades an older archive in one transaction (schema 12
     * packs a row per observation into a row per revision): killed at any point, a reader finds
     * schema 10 (and asks for a writer) or 12, whole, and the rerun's archive is the one before.
     */
    @Test
    void aKilledUpgradeLeavesTheOlderSchemaOrTheNewOneAndARerunFinishesIt() throws Exception {
        // more observations than the import campaign's, so that packing them takes a while
        Path larger = Generator.generate(dir, "upgrade", "--pages", "24", "--revisions", "60", "--seed", "12");
        Path older = dir.resolve("older.db");
        Cli.expect(0, "import", "--db=" + older, larger.toString());
        String expected = exportOf(older).output();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + older)) {
            org.currents.store.jdbc.OlderObservations.undoV12(c);
        }
        Path nothing = dir.resolve("nothing.xml");
        Files.writeString(
                nothing,
                "<mediawiki xmlns=\"http://www.mediawiki.org/xml/export-0.11/\" version=\"0.11\">\n</mediawiki>\n");
        int[] upgraded = {0};
        killNine(
                "upgrade",
                i -> {
                    Path db = dir.resolve("upgrade-" + i + ".db");
                    Files.copy(older, db);
                    return new String[] {"import", "--db=" + db, nothing.toString()};
                },
                (i, killed) -> {
                    Path db = dir.resolve("upgrade-" + i + ".db");
                    Read between = exportOf(db);
                    if (between.code() == 0) {
                        upgraded[0]++;
                        assertThat(between.output()).as("upgrade kill %d", i).isEqualTo(expected);
                    } else {
                        assertThat(between.said())
                                .as("upgrade kill %d", i)
                                .contains("the archive needs upgrading (schema 10");
                    }
                    Cli.expect(0, "import", "--db=" + db, nothing.toString());
                    Read after = exportOf(db);
                    assertThat(after.output())
                            .as("upgrade kill %d, then a rerun", i)
                            .isEqualTo(expected);
                    assertThat(after.said()).doesNotContain("warning");
                    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                            Statement st = c.createStatement();
                            ResultSet rs =
                                    st.executeQuery("SELECT count(*) FROM sqlite_master WHERE name = 'observations'")) {
                        rs.next();
                        assertThat(rs.getInt(1))
                                .as("upgrade kill %d: the old table is gone", i)
                                .isZero();
                    }
                });
        // the trial before the kills (0) ran whole: the others upgraded when a kill came after the commit
        System.out.println("upgrade: " + (upgraded[0] - 1) + " of " + TRIALS + " killed children had upgraded");
    }

    @Test
    void aKilledRebuildLeavesTheOldHistoriesAndARerunFinishesIt() throws Exception {
        Path rebuilt = dir.resolve("rebuilt.db");
        Files.copy(imported, rebuilt);
        Cli.expect(0, "rebuild", "--db=" + rebuilt);
        SyncContractTest.Archive expected = SyncContractTest.Archive.of(rebuilt.toString());
        String expectedExport = exportOf(rebuilt).output();
        killNine(
                "rebuild",
                i -> {
                    Path db = dir.resolve("rebuild-" + i + ".db");
                    Files.copy(imported, db);
                    return new String[] {"rebuild", "--db=" + db};
                },
                (i, killed) -> {
                    Path db = dir.resolve("rebuild-" + i + ".db");
                    // one transaction: a reader sees the histories before or after, never between
                    Read between = exportOf(db);
                    assertThat(between.code()).as(between.said()).isZero();
                    assertThat(between.output()).isIn(referenceExport, expectedExport);
                    Cli.expect(0, "rebuild", "--db=" + db);
                    assertSameArchive(db, expected, "rebuild kill " + i);
                    assertThat(exportOf(db).output()).isEqualTo(expectedExport);
                });
    }

    @Test
    void ctrlCDuringARebuildLeavesTheOldHistoriesAndSaysSo() throws Exception {
        // more pages than the kill campaigns: the rebuild must still be following them when
        // SIGINT comes, soon after its first progress line
        Path larger = Generator.generate(dir, "larger", "--pages", "48", "--revisions", "20", "--seed", "9");
        Path before = dir.resolve("larger.db");
        Cli.expect(0, "import", "--db=" + before, larger.toString());
        String beforeExport = exportOf(before).output();
        Path rebuilt = dir.resolve("rebuilt-for-int.db");
        Files.copy(before, rebuilt);
        Cli.expect(0, "rebuild", "--db=" + rebuilt);
        String expectedExport = exportOf(rebuilt).output();
        int interrupted = 0;
        for (int i = 1; i <= 5; i++) {
            Path db = dir.resolve("int-" + i + ".db");
            Files.copy(before, db);
            Path log = dir.resolve("int-" + i + ".log");
            Process p = ChildCurrents.start(log, "rebuild", "--db=" + db);
            // until it has begun following pages: then SIGINT lands inside the transaction
            while (p.isAlive() && !Files.readString(log).contains("rebuild: ")) {
                Thread.sleep(5);
            }
            ChildCurrents.signal("INT", p); // a rebuild that just ended is checked as a whole one below
            assertThat(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            String said = Files.readString(log);
            if (said.contains("rebuild interrupted")) {
                interrupted++;
                assertThat(said)
                        .contains("currents: rebuild interrupted: nothing changed, the archive is as it was; run it"
                                + " again");
                assertThat(exportOf(db).output()).isEqualTo(beforeExport);
            } else {
                assertThat(said).as(said).contains("rebuilt ");
                assertThat(exportOf(db).output()).isEqualTo(expectedExport);
            }
            Read between = exportOf(db);
            assertThat(between.said()).doesNotContain("warning");
        }
        // how many SIGINT stopped depends on the machine's load (on a loaded one the rebuild may be
        // past its last check when the signal comes): each run above is checked either way
        System.out.println("Ctrl-C rebuild: " + interrupted + " of 5 stopped, the others had ended");
    }

    @Test
    void aKilledEnrichRerunStoresWhatAnUninterruptedOneStores() throws Exception {
        HttpServer proxy = slowWeb();
        try {
            String proxyUrl = "http://127.0.0.1:" + proxy.getAddress().getPort();
            Map<String, String> expected = new TreeMap<>();
            Map<String, Long> enriched = new TreeMap<>();
            killNine(
                    "enrich",
                    i -> {
                        Path db = dir.resolve("enrich-" + i + ".db");
                        Files.copy(imported, db);
                        return enrich(db, proxyUrl);
                    },
                    (i, killed) -> {
                        Path db = dir.resolve("enrich-" + i + ".db");
                        Cli.expect(0, enrich(db, proxyUrl));
                        Map<String, String> got = sourceMeta(db);
                        if (i == 0) {
                            expected.putAll(got);
                            assertThat(expected).hasSizeGreaterThan(20);
                        }
                        assertThat(got).as("enrich kill " + i).isEqualTo(expected);
                        SyncContractTest.Archive archive = SyncContractTest.Archive.of(db.toString());
                        assertThat(archive.events()).isEqualTo(reference.events());
                        if (i == 0) {
                            enriched.putAll(archive.stats());
                        }
                        assertThat(archive.stats())
                                .as("stats, enrich kill " + i)
                                .isEqualTo(enriched);
                    });
        } finally {
            proxy.stop(0);
        }
    }

    @Test
    void aKilledBuildRerunGivesTheSiteOfAnUninterruptedOne() throws Exception {
        Path db = dir.resolve("build.db");
        Files.copy(imported, db);
        Cli.expect(0, "build", "--db=" + db, "--out=" + dir.resolve("first-site"));
        Map<String, String> expected = new TreeMap<>();
        killNine("build", i -> new String[] {"build", "--db=" + db, "--out=" + dir.resolve("site-" + i)}, (i, k) -> {
            Path out = dir.resolve("site-" + i);
            Cli.expect(0, "build", "--db=" + db, "--out=" + out);
            Map<String, String> got = tree(out);
            if (i == 0) {
                expected.putAll(got);
                assertThat(expected).hasSizeGreaterThan(100);
            }
            assertThat(got).as("site after build kill " + i).isEqualTo(expected);
        });
        assertSameArchive(db, reference, "the builds' archive");
    }

    static String[] enrich(Path db, String proxy) {
        return new String[] {"enrich", "--db=" + db, "--proxy=" + proxy, "--delay=0s", "--contact=t@example.org"};
    }

    static void assertSameArchive(Path db, SyncContractTest.Archive expected, String when) {
        SyncContractTest.Archive got = SyncContractTest.Archive.of(db.toString());
        assertThat(got.pages()).as("pages, " + when).isEqualTo(expected.pages());
        assertThat(got.events()).as("events, " + when).isEqualTo(expected.events());
        assertThat(got.stats()).as("stats, " + when).isEqualTo(expected.stats());
    }

    /** Every source's stored metadata but the time it was fetched, by URL. */
    static Map<String, String> sourceMeta(Path db) throws SQLException {
        Map<String, String> out = new TreeMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT url, final_url, http_status, outcome, title, description" + " FROM source_meta")) {
            while (rs.next()) {
                out.put(
                        rs.getString(1),
                        rs.getString(2) + " " + rs.getInt(3) + " " + rs.getString(4) + " " + rs.getString(5) + " "
                                + rs.getString(6));
            }
        }
        return out;
    }

    /** Every file under {@code root} but the build's state (it holds the build's time), with its content. */
    static Map<String, String> tree(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String name = root.relativize(f).toString();
                if (!name.startsWith(".currents-build")) {
                    out.put(name, Files.readString(f));
                }
            }
        }
        return out;
    }

    /** A proxy for every cited host: a small page per URL, after 20 ms, so that enrich takes a while. */
    static HttpServer slowWeb() throws IOException {
        HttpServer web = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 32);
        web.createContext("/", ex -> {
            String path = ex.getRequestURI().getPath();
            byte[] body = ("<html><head><title>Page " + path + "</title><meta name=description content=\"About " + path
                            + "\"></head></html>")
                    .getBytes(StandardCharsets.UTF_8);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            boolean robots = path.equals("/robots.txt");
            ex.getResponseHeaders().set("Content-Type", "text/html");
            ex.sendResponseHeaders(robots ? 404 : 200, robots ? -1 : body.length);
            try (OutputStream o = ex.getResponseBody()) {
                if (!robots) {
                    o.write(body);
                }
            }
        });
        web.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        web.start();
        return web;
    }
}
