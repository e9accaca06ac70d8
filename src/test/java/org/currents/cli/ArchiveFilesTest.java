package org.currents.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Stream;
import org.currents.store.ArchiveStore;
import org.currents.store.Stores;
import org.currents.store.jdbc.OlderObservations;
import org.currents.testing.Archives;
import org.currents.testing.Mounts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The archive's files as a hostile user leaves them: read-only, empty, someone else's, half
 * rebuilt by an older currents. Readers read without changing anything; writers refuse clearly;
 * failures leave no journal files behind.
 */
class ArchiveFilesTest {
    @TempDir
    Path dir;

    @Test
    void readingCommandsWorkOnAnArchiveOnAReadOnlyFilesystem() throws Exception {
        try (Mounts ro = Mounts.tmpfs(dir.resolve("ro"), "8m")) {
            Path db = ro.dir().resolve("archive.db");
            Cli.expect(0, "import", "--db=" + db, Archives.sample(dir).toString());
            Cli.expect(0, "build", "--db=" + db, "--out=" + dir.resolve("first-site"));
            Cli.Run stats = Cli.expect(0, "stats", "--db=" + db);
            Cli.expect(0, "export", "--db=" + db, "--out=" + dir.resolve("before.jsonl"));
            byte[] archive = Files.readAllBytes(db);
            ro.readOnly();

            assertThat(Cli.expect(0, "stats", "--db=" + db).out()).isEqualTo(stats.out());
            Cli.expect(0, "export", "--db=" + db, "--out=" + dir.resolve("after.jsonl"));
            assertThat(dir.resolve("after.jsonl")).hasSameTextualContentAs(dir.resolve("before.jsonl"));
            Cli.Run build = Cli.expect(0, "build", "--db=" + db, "--out=" + dir.resolve("site"));
            assertThat(build.err()).doesNotContain("warning");
            assertThat(dir.resolve("site/news/2017/07/9/index.md")).exists();

            Cli.Run write =
                    Cli.expect(1, "import", "--db=" + db, Archives.sample(dir).toString());
            assertThat(write.err())
                    .isEqualTo("currents: open archive " + db + " for writing: the file is read-only (reading"
                            + " commands such as stats, export and build work on it)\n");
            assertThat(Files.readAllBytes(db)).isEqualTo(archive);
            try (Stream<Path> files = Files.list(ro.dir())) {
                assertThat(files.map(p -> p.getFileName().toString()))
                        .containsExactlyInAnyOrder("archive.db", "archive.db.lock");
            }
        }
    }

    @Test
    void statsOnAnEmptyFileSaysItIsNoArchiveAndLeavesItEmpty() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.db"));

        Cli.Run r = Cli.expect(1, "stats", "--db=" + empty);

        assertThat(r.err())
                .isEqualTo("currents: open archive " + empty
                        + ": not a currents archive (the file is empty; currents import fills it)\n");
        assertThat(Files.size(empty)).isZero();
        assertNoJournal(empty);
    }

    @ParameterizedTest
    @ValueSource(strings = {"broken-xml", "foreign-sqlite", "not-sqlite", "newer-schema"})
    void aFailedImportLeavesNoJournalFilesBehind(String kind) throws Exception {
        Path db = dir.resolve("archive.db");
        Path input = Archives.sample(dir);
        switch (kind) {
            case "broken-xml" -> input = Files.writeString(dir.resolve("broken.xml"), "<mediawiki><page><title>x");
            case "foreign-sqlite" -> sql(db, "CREATE TABLE notes (x TEXT)");
            case "not-sqlite" -> Files.writeString(db, "a text file that someone named archive.db by mistake\n");
            case "newer-schema" -> {
                Cli.expect(0, "import", "--db=" + db, input.toString());
                sql(db, "INSERT INTO schema_version VALUES (999, 'later')");
            }
            default -> throw new IllegalArgumentException(kind);
        }

        Cli.Run r = Cli.expect(1, "import", "--db=" + db, input.toString());

        assertThat(r.err()).doesNotContain("SQLITE_");
        assertNoJournal(db);
    }

    @Test
    void readersSayWhenAnOlderCurrentsLeftARebuildHalfDoneAndRebuildMendsIt() throws Exception {
        Path db = dir.resolve("archive.db");
        Cli.expect(0, "import", "--db=" + db, Archives.sample(dir).toString());
        Path before = dir.resolve("before.jsonl");
        Cli.expect(0, "export", "--db=" + db, "--out=" + before);
        // what the rebuild of earlier builds committed first, before following the pages again,
        // in an archive of their schema (10: a row per observation, its event id blank) ...
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            OlderObservations.undoV12(c, true);
        }
        sql(
                db,
                "DELETE FROM versions",
                "DELETE FROM events",
                "DELETE FROM citations",
                "DELETE FROM contexts",
                "DELETE FROM moves",
                "DELETE FROM event_aliases",
                "DELETE FROM marks WHERE name <> 'seq'",
                "UPDATE revisions SET base_id = 0, reverted = 0");
        // ... which this build's first writer takes to schema 12, keeping what it says
        try (ArchiveStore writer = Stores.open(db.toString())) {
            assertThat(writer.unfinished()).isPresent();
        }

        for (String[] reader : new String[][] {
            {"export", "--db=" + db, "--out=" + dir.resolve("partial.jsonl")},
            {"build", "--db=" + db, "--out=" + dir.resolve("site")},
            {"stats", "--db=" + db}
        }) {
            assertThat(Cli.expect(0, reader).err())
                    .contains("currents: warning: archive " + db
                            + ": its histories are incomplete: a rebuild was interrupted; run currents rebuild");
        }

        Cli.expect(0, "rebuild", "--db=" + db);
        Cli.Run after = Cli.expect(0, "export", "--db=" + db, "--out=" + dir.resolve("after.jsonl"));
        assertThat(after.err()).doesNotContain("warning");
        assertThat(dir.resolve("after.jsonl")).hasSameTextualContentAs(before);
    }

    static void assertNoJournal(Path db) {
        assertThat(Path.of(db + "-wal")).doesNotExist();
        assertThat(Path.of(db + "-shm")).doesNotExist();
        assertThat(Path.of(db + "-journal")).doesNotExist();
    }

    static void sql(Path db, String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement st = c.createStatement()) {
            for (String s : statements) {
                st.execute(s);
            }
        }
    }

    /**
     * An output named like the archive's own files: {@code export --out} would have replaced the
     * archive with its export (it did, exit 0), a log appended to it or its {@code -wal} would
     * have corrupted it. Each is refused before anything is written, by any of its names.
     */
    @Test
    void anOutputThatIsOneOfTheArchivesFilesIsRefusedAndTheArchiveKept() throws Exception {
        Path db = dir.resolve("archive.db");
        Cli.expect(0, "import", "--db=" + db, Archives.sample(dir).toString());
        Path link = dir.resolve("link.db");
        Files.createSymbolicLink(link, db);
        Cli.Run before = Cli.expect(0, "stats", "--db=" + db);
        byte[] archive = Files.readAllBytes(db);
        String[][] refused = {
            {"export", "--db=" + db, "--out=" + db},
            {"export", "--db=" + db, "--out=" + dir.resolve(".").resolve("archive.db")},
            {"export", "--db=" + db, "--out=" + link},
            {"export", "--db=jdbc:sqlite:" + db, "--out=" + db + "-wal"},
            {"export", "--db=" + db, "--out=" + db + ".lock"},
            {"serve", "--db=" + db, "--port=0", "--access-log=" + db},
            {"enrich", "--db=" + db, "--contact=t@example.org", "--request-log=" + db + "-shm"},
        };
        for (String[] args : refused) {
            Cli.Run r = Cli.expect(Currents.USAGE, args);
            assertThat(r.err())
                    .as(String.join(" ", args))
                    .containsPattern(
                            "(is the archive itself|is a file of the" + " archive .*archive.db); give another file");
        }
        assertThat(Files.readAllBytes(db)).isEqualTo(archive);
        assertThat(Cli.expect(0, "stats", "--db=" + db).out()).isEqualTo(before.out());
        // a file beside it is fine
        Cli.expect(0, "export", "--db=" + db, "--out=" + dir.resolve("archive.db.jsonl"));
    }
}
