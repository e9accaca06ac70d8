package org.currents.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.currents.testing.Generator;
import org.currents.testing.Mounts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk under the archive and under {@code --out}, on a real tiny filesystem (a {@code
 * tmpfs} of a few hundred KB; see {@link Mounts}): one clear line naming the file, no driver
 * error, and the archive as it was before the commit that failed.
 */
class DiskFullIT {
    @TempDir
    static Path dir;

    static Path first;
    static Path second;
    static Path firstOnly;
    static Path both;

    @BeforeAll
    static void exports() throws Exception {
        Path whole = Generator.generate(dir, "history", "--pages", "8", "--revisions", "20", "--seed", "5");
        String xml = Files.readString(whole);
        List<String> pages = Exports.pages(xml);
        String head = xml.substring(0, xml.indexOf(pages.get(0)));
        first = Files.writeString(
                dir.resolve("first.xml"), head + String.join("", pages.subList(0, 2)) + "</mediawiki>\n");
        second = Files.writeString(
                dir.resolve("second.xml"), head + String.join("", pages.subList(2, 8)) + "</mediawiki>\n");
        firstOnly = dir.resolve("first-only.db");
        Cli.expect(0, "import", "--db=" + firstOnly, first.toString());
        both = dir.resolve("both.db");
        Cli.expect(0, "import", "--db=" + both, first.toString(), second.toString());
    }

    @Test
    void anImportOntoAFullDiskSaysSoAndLeavesTheArchiveAsItWasBeforeTheFailingCommit() throws Exception {
        // room for the archive of the first file, its -shm and a little: not for the second's commit
        long room = Files.size(firstOnly) + 96 * 1024;
        try (Mounts small = Mounts.tmpfs(dir.resolve("small"), Long.toString(room))) {
            Path db = small.dir().resolve("archive.db");
            Files.copy(firstOnly, db);

            Cli.Run full = Cli.run("import", "--db=" + db, second.toString());

            assertThat(full.code()).as(full.toString()).isEqualTo(1);
            assertThat(full.err())
                    .as(full.toString())
                    .contains("the disk is full writing archive " + db
                            + " (this commit was not written; the archive is as it was before it)")
                    .doesNotContain("SQLITE_")
                    .doesNotContain("no transaction is active");
            assertSameArchive(copyOf(small.dir(), "after-full"), firstOnly);

            small.resize("64m");
            Cli.expect(0, "import", "--db=" + db, second.toString());
            assertSameArchive(db, both);
        }
    }

    @Test
    void anExportOntoAFullDiskNamesTheFileAndChangesNothingInTheArchive() throws Exception {
        try (Mounts small = Mounts.tmpfs(dir.resolve("small-export"), "64k")) {
            Path out = small.dir().resolve("events.jsonl");

            Cli.Run r = Cli.run("export", "--db=" + both, "--out=" + out);

            assertThat(r.code()).as(r.toString()).isEqualTo(1);
            assertThat(r.err()).as(r.toString()).contains(out.toString()).contains("No space left on device");
            assertThat(r.err().lines()).hasSize(1);
            assertThat(integrity(both)).isEqualTo("ok");
        }
    }

    @Test
    void aBuildOntoAFullDiskNamesTheFileItCouldNotWrite() throws Exception {
        try (Mounts small = Mounts.tmpfs(dir.resolve("small-site"), "256k")) {
            Path out = small.dir().resolve("site");

            Cli.Run r = Cli.run("build", "--db=" + both, "--out=" + out);

            assertThat(r.code()).as(r.toString()).isEqualTo(1);
            assertThat(r.err())
                    .as(r.toString())
                    .contains("cannot write " + out)
                    .contains("No space left on device")
                    .doesNotContain("SQLITE_");
            small.resize("16m");
            Cli.expect(0, "build", "--db=" + both, "--out=" + out);
        }
    }

    /** The archive files of {@code folder} copied to the big disk, to read them there. */
    static Path copyOf(Path folder, String name) throws Exception {
        Path to = Files.createDirectories(dir.resolve(name));
        for (String suffix : new String[] {"", "-wal"}) {
            Path f = folder.resolve("archive.db" + suffix);
            if (Files.exists(f)) {
                Files.copy(f, to.resolve("archive.db" + suffix), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return to.resolve("archive.db");
    }

    static void assertSameArchive(Path db, Path expected) throws Exception {
        assertThat(integrity(db)).isEqualTo("ok");
        SyncContractTest.Archive got = SyncContractTest.Archive.of(db.toString());
        SyncContractTest.Archive want = SyncContractTest.Archive.of(expected.toString());
        assertThat(got.pages()).isEqualTo(want.pages());
        assertThat(got.events()).isEqualTo(want.events());
        assertThat(got.stats()).isEqualTo(want.stats());
    }

    static String integrity(Path db) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
