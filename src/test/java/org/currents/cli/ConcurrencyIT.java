package org.currents.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.currents.testing.Generator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several processes on one archive at once, as two terminals or an overlapping cron job would
 * run them: two and three writers (child JVMs started together) all finish with everything
 * imported, the later ones saying that they wait; readers during a writer get a whole archive or
 * are told a writer is at work; no driver error ever reaches the user.
 */
class ConcurrencyIT {
    @TempDir
    static Path dir;

    static Path whole;
    static List<Path> parts = new ArrayList<>();
    static SyncContractTest.Archive reference;

    @BeforeAll
    static void exports() throws Exception {
        whole = Generator.generate(dir, "history", "--pages", "9", "--revisions", "20", "--seed", "7");
        String xml = Files.readString(whole);
        List<String> pages = Exports.pages(xml);
        String head = xml.substring(0, xml.indexOf(pages.get(0)));
        for (int k = 0; k < 3; k++) {
            parts.add(Files.writeString(
                    dir.resolve("part-" + k + ".xml"),
                    head + String.join("", pages.subList(3 * k, 3 * k + 3)) + "</mediawiki>\n"));
        }
        Path db = dir.resolve("reference.db");
        Cli.expect(0, "import", "--db=" + db, whole.toString());
        reference = SyncContractTest.Archive.of(db.toString());
        assertThat(reference.pages()).hasSize(9);
    }

    /** Starts one child per command at once and waits for all; returns their outputs. */
    static List<String> together(String name, List<String[]> commands) throws Exception {
        List<Process> children = new ArrayList<>();
        List<Path> logs = new ArrayList<>();
        for (int k = 0; k < commands.size(); k++) {
            Path log = dir.resolve(name + "-" + k + ".log");
            logs.add(log);
            children.add(ChildCurrents.start(log, commands.get(k)));
        }
        List<String> outputs = new ArrayList<>();
        for (int k = 0; k < children.size(); k++) {
            Process p = children.get(k);
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            String out = Files.readString(logs.get(k));
            assertThat(p.exitValue()).as(name + " " + k + ":\n" + out).isZero();
            assertThat(out).as(name + " " + k).doesNotContain("SQLITE_").doesNotContain("Exception");
            outputs.add(out);
        }
        return outputs;
    }

    static void assertReference(Path db) {
        SyncContractTest.Archive got = SyncContractTest.Archive.of(db.toString());
        assertThat(got.pages()).isEqualTo(reference.pages());
        assertThat(got.events()).isEqualTo(reference.events());
        assertThat(got.stats()).isEqualTo(reference.stats());
    }

    @Test
    void twoImportsOfTheSameFileAtOnceBothFinishAndTheArchiveHoldsItOnce() throws Exception {
        for (int round = 0; round < 3; round++) {
            Path db = dir.resolve("same-" + round + ".db");
            String[] cmd = {"import", "--db=" + db, whole.toString()};
            List<String> outs = together("same-" + round, List.of(cmd, cmd));

            assertReference(db);
            assertThat(String.join("", outs)).contains("to finish writing archive " + db);
            assertThat(String.join("", outs)).contains("180 already known");
        }
    }

    @Test
    void threeImportsOfDifferentFilesIntoANewArchiveAtOnceAllFinish() throws Exception {
        for (int round = 0; round < 3; round++) {
            Path db = dir.resolve("three-" + round + ".db");
            List<String[]> cmds = new ArrayList<>();
            for (Path part : parts) {
                cmds.add(new String[] {"import", "--db=" + db, part.toString()});
            }
            together("three-" + round, cmds);

            SyncContractTest.Archive got = SyncContractTest.Archive.of(db.toString());
            assertThat(got.pages()).isEqualTo(reference.pages());
            assertThat(got.stats()).isEqualTo(reference.stats());
            assertThat(got.events()).containsExactlyInAnyOrderElementsOf(reference.events());
        }
    }

    @Test
    void readersDuringAWriterGetAWholeArchiveOrAreToldAWriterIsAtWork() throws Exception {
        Path db = dir.resolve("read-while-writing.db");
        Cli.expect(0, "import", "--db=" + db, parts.get(0).toString());
        Process writer = ChildCurrents.start(
                dir.resolve("writer.log"),
                "import",
                "--db=" + db,
                parts.get(1).toString(),
                parts.get(2).toString());
        int reads = 0;
        int told = 0;
        Path out = dir.resolve("during.jsonl");
        do {
            Cli.Run export = Cli.run("export", "--db=" + db, "--out=" + out);
            assertThat(export.code()).as(export.toString()).isZero();
            assertThat(export.err()).doesNotContain("SQLITE_");
            told += export.err().contains("is writing to it now") ? 1 : 0;
            Cli.Run build = Cli.run("build", "--db=" + db, "--out=" + dir.resolve("during-site"));
            assertThat(build.code()).as(build.toString()).isZero();
            assertThat(build.err()).doesNotContain("SQLITE_");
            reads++;
        } while (writer.isAlive());
        assertThat(writer.exitValue())
                .as(Files.readString(dir.resolve("writer.log")))
                .isZero();
        assertThat(reads).isGreaterThan(0);
        assertThat(told).as("reads told of the writer at work, of " + reads).isGreaterThan(0);

        assertReference(db);
        Cli.Run after = Cli.run("export", "--db=" + db, "--out=" + out);
        assertThat(after.err()).doesNotContain("warning");
    }

    @Test
    void enrichDuringAnImportBothFinish() throws Exception {
        Path db = dir.resolve("enrich-while-importing.db");
        Cli.expect(0, "import", "--db=" + db, parts.get(0).toString());
        var web = KillNineIT.slowWeb();
        try {
            String proxy = "http://127.0.0.1:" + web.getAddress().getPort();
            together("enrich-import", List.of(KillNineIT.enrich(db, proxy), new String[] {
                "import", "--db=" + db, parts.get(1).toString(), parts.get(2).toString()
            }));
        } finally {
            web.stop(0);
        }
        SyncContractTest.Archive got = SyncContractTest.Archive.of(db.toString());
        assertThat(got.events()).isEqualTo(reference.events());
        assertThat(got.stats().get("sources_enriched") + got.stats().get("sources_failed"))
                .isGreaterThan(0);
    }
}
