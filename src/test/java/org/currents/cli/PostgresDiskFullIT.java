package org.currents.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.currents.testing.Generator;
import org.currents.testing.Mounts;
import org.currents.testing.Postgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk on the PostgreSQL server: the archive's database lives in a tablespace on a real tiny
 * filesystem (a tmpfs owned by the server's user, see {@link Mounts#tmpfsOwnedBy}), so that the
 * server itself runs out of room while an import commits. The import says so in one line naming
 * the archive, keeps the page groups committed before, and once the server has room again a rerun
 * ends with the archive an import that never failed gives.
 */
class PostgresDiskFullIT {
    @TempDir
    static Path dir;

    static Postgres server;
    static Path first;
    static Path second;
    static SyncContractTest.Archive firstOnly;
    static SyncContractTest.Archive both;

    @BeforeAll
    static void exports() throws Exception {
        server = Postgres.create(PostgresDiskFullIT.class);
        Path whole = Generator.generate(dir, "history", "--pages", "60", "--revisions", "20", "--seed", "5");
        String xml = Files.readString(whole);
        List<String> pages = Exports.pages(xml);
        String head = xml.substring(0, xml.indexOf(pages.get(0)));
        first = Files.writeString(
                dir.resolve("first.xml"), head + String.join("", pages.subList(0, 10)) + "</mediawiki>\n");
        second = Files.writeString(
                dir.resolve("second.xml"), head + String.join("", pages.subList(10, 60)) + "</mediawiki>\n");
        String a = server.freshSchema();
        Cli.expect(0, "import", "--db=" + a, first.toString());
        firstOnly = SyncContractTest.Archive.of(a);
        String b = server.freshSchema();
        Cli.expect(0, "import", "--db=" + b, first.toString(), second.toString());
        both = SyncContractTest.Archive.of(b);
    }

    @AfterAll
    static void drop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void anImportOntoTheServersFullDiskSaysSoKeepsWhatWasCommittedAndResumes() throws Exception {
        // outside the test's own folder (mode 0700, root's): the server's user must reach it
        Path place = Files.createTempDirectory(Path.of("/tmp"), "currents-pg-full-");
        place.toFile().setExecutable(true, false);
        String name = "currents_full_" + ProcessHandle.current().pid();
        String db = "jdbc:postgresql://" + Postgres.SERVER + "/" + name + "?user=postgres";
        Mounts small = Mounts.tmpfsOwnedBy(place.resolve("space"), "64m", "postgres");
        try {
            server.sql("CREATE TABLESPACE " + name + " LOCATION '" + small.dir() + "'");
            server.sql("CREATE DATABASE " + name + " TABLESPACE " + name);
            Cli.expect(0, "import", "--db=" + db, first.toString());
            // room for what is there and a few pages more: not for the second file
            long used = Files.getFileStore(small.dir()).getTotalSpace()
                    - Files.getFileStore(small.dir()).getUsableSpace();
            small.resize((used / 1024 + 256) + "k");

            Cli.Run full = Cli.run("import", "--db=" + db, second.toString());

            assertThat(full.code()).as(full.toString()).isEqualTo(1);
            assertThat(full.err())
                    .as(full.toString())
                    .contains("the PostgreSQL server's disk is full writing archive")
                    .contains(name)
                    .contains("this commit was not written")
                    .doesNotContain("SQLSTATE")
                    .doesNotContain("PSQLException");
            small.resize("256m"); // reading needs no room, but the server's next checkpoint does
            SyncContractTest.Archive after = SyncContractTest.Archive.of(db);
            assertThat(after.pages())
                    .as("the pages of the first file are all kept")
                    .containsAll(firstOnly.pages());
            assertThat(after.pages())
                    .as("not all of the second file fitted")
                    .hasSizeLessThan(both.pages().size());

            Cli.expect(0, "import", "--db=" + db, second.toString());
            SyncContractTest.Archive resumed = SyncContractTest.Archive.of(db);
            assertThat(resumed.pages()).isEqualTo(both.pages());
            assertThat(resumed.events()).isEqualTo(both.events());
            assertThat(resumed.stats()).isEqualTo(both.stats());
        } finally {
            release(small, name, place);
        }
    }

    /**
     * Drops the database and the tablespace, then unmounts: in that order only. Unmounting a
     * tablespace the server still has dirty pages of would leave its checkpointer failing for
     * good (every later test on the server would fail), so when a drop fails the filesystem is
     * left mounted, with room, and the failure reported.
     */
    private static void release(Mounts small, String name, Path place) throws Exception {
        small.resize("256m"); // DROP DATABASE checkpoints: the pages it writes need room
        server.sql("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        server.sql("DROP TABLESPACE IF EXISTS " + name);
        small.close();
        Files.deleteIfExists(place.resolve("space"));
        Files.deleteIfExists(place);
    }
}
