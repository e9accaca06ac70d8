package org.currents.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.currents.store.Access;
import org.currents.store.ArchiveStore;
import org.currents.store.StoreException;
import org.currents.store.Stores;
import org.currents.testing.Archives;
import org.currents.testing.Mounts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the SQLite archive is opened: readers change nothing (read-only files and folders, empty
 * and foreign files), writers serialise (migrations, transactions, the writer lock).
 */
class SqliteAccessTest {
    @TempDir
    Path dir;

    private Path archive(Path folder) {
        Path db = folder.resolve("archive.db");
        try (ArchiveStore store = Stores.open(db.toString())) {
            Archives.importFile(store, Archives.sample(dir));
        }
        return db;
    }

    private static Map<String, Long> stats(Path db, Access access) {
        try (ArchiveStore store = Stores.open(db.toString(), access, n -> {})) {
            return store.stats();
        }
    }

    @Test
    void readsAnArchiveOnAReadOnlyFilesystemAndLeavesNothingThere() throws Exception {
        try (Mounts ro = Mounts.tmpfs(dir.resolve("ro"), "8m")) {
            Path db = archive(ro.dir());
            Map<String, Long> expected = stats(db, Access.WRITE);
            byte[] before = Files.readAllBytes(db);
            ro.readOnly();

            assertThat(stats(db, Access.READ)).isEqualTo(expected).containsEntry("pages", 8L);
            assertThatThrownBy(() -> Stores.open(db.toString()))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("for writing");

            assertThat(Files.readAllBytes(db)).isEqualTo(before);
            try (var files = Files.list(ro.dir())) {
                assertThat(files.map(p -> p.getFileName().toString())).containsExactly("archive.db");
            }
        }
    }

    @Test
    void aReaderOfAWritableArchiveLeavesNoJournalBehind() {
        Path db = archive(dir);

        assertThat(stats(db, Access.READ)).containsEntry("pages", 8L);

        assertThat(Path.of(db + "-wal")).doesNotExist();
        assertThat(Path.of(db + "-shm")).doesNotExist();
    }

    @Test
    void aReaderRefusesAnEmptyFileAndLeavesItEmpty() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.db"));

        assertThatThrownBy(() -> stats(empty, Access.READ))
                .isInstanceOf(StoreException.class)
                .hasMessage("open archive " + empty
                        + ": not a currents archive (the file is empty; currents import fills it)");

        assertThat(Files.size(empty)).isZero();
        assertThat(Path.of(empty + "-wal")).doesNotExist();
    }

    @Test
    void aReaderRefusesAnEmptyDatabaseAndAnOlderSchemaWithoutUpgradingThem() throws Exception {
        Path blank = dir.resolve("blank.db");
        sql(blank, "PRAGMA user_version = 7");
        byte[] blankBytes = Files.readAllBytes(blank);
        assertThatThrownBy(() -> stats(blank, Access.READ))
                .hasMessageContaining("not a currents archive (an empty SQLite database");
        assertThat(Files.readAllBytes(blank)).isEqualTo(blankBytes);

        Path old = archive(dir);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + old)) {
            org.currents.store.jdbc.OlderObservations.undoV12(c);
        }
        sql(old, SqliteFixture.UNDO_TO_V3);
        sql(
                old,
                "DROP TABLE redirects",
                "DELETE FROM schema_version WHERE version >= 3",
                "DELETE FROM flyway_schema_history WHERE CAST(version AS INTEGER) >= 3");
        assertThatThrownBy(() -> stats(old, Access.READ))
                .hasMessage("open archive " + old + ": the archive needs upgrading (schema 2, this build uses "
                        + SqliteMigrations.latest() + "); run a writer such as currents import or rebuild once");
        assertThat(stats(old, Access.WRITE)).containsEntry("pages", 8L);
        assertThat(stats(old, Access.READ)).containsEntry("pages", 8L);
    }

    @Test
    void refusesAForeignDatabaseBeforeChangingItsJournalMode() throws Exception {
        Path foreign = dir.resolve("someone-elses.db");
        sql(
                foreign,
                "PRAGMA journal_mode = DELETE",
                "CREATE TABLE notes (x TEXT)",
                "INSERT INTO notes VALUES ('mine')");
        byte[] before = Files.readAllBytes(foreign);

        for (Access access : Access.values()) {
            assertThatThrownBy(() -> stats(foreign, access))
                    .hasMessage("open archive " + foreign
                            + ": it is a SQLite database but not a currents archive (it has tables and no"
                            + " schema_version)");
        }

        assertThat(Files.readAllBytes(foreign)).isEqualTo(before);
        assertThat(before[18])
                .as("file format write version: 1 = rollback journal, 2 = WAL")
                .isEqualTo((byte) 1);
        assertThat(Path.of(foreign + "-wal")).doesNotExist();
        assertThat(Path.of(foreign + "-shm")).doesNotExist();
    }

    @Test
    void refusesAFileThatIsNotSqliteWithoutOpeningIt() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.db"), "just some text, long enough to have a header\n");

        assertThatThrownBy(() -> stats(text, Access.WRITE))
                .hasMessage("open archive " + text + ": it is not a SQLite database");
        assertThat(Path.of(text + "-wal")).doesNotExist();
    }

    @Test
    void threeProcessesOpeningANewArchiveAtOnceAllSucceed() throws Exception {
        for (int round = 0; round < 20; round++) { // one round in ten failed before the WAL switch waited
            Path db = dir.resolve("new-" + round + ".db");
            ExecutorService pool = Executors.newFixedThreadPool(3);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Long>> opened = new ArrayList<>();
            for (int k = 0; k < 3; k++) {
                opened.add(pool.submit(() -> {
                    start.await();
                    return stats(db, Access.WRITE).get("pages");
                }));
            }
            start.countDown();
            for (Future<Long> f : opened) {
                assertThat(f.get(60, TimeUnit.SECONDS)).isZero();
            }
            pool.shutdown();
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                    Statement st = c.createStatement();
                    ResultSet rs =
                            st.executeQuery("SELECT count(*), count(DISTINCT version) FROM flyway_schema_history")) {
                rs.next();
                assertThat(rs.getInt(1))
                        .isEqualTo(rs.getInt(2))
                        .isEqualTo(SqliteMigrations.versions().size());
            }
        }
    }

    @Test
    void aWriteWaitsForAnotherWritersTransactionAndSaysSo() throws Exception {
        Path db = archive(dir);
        List<String> notices = new CopyOnWriteArrayList<>();
        CountDownLatch holding = new CountDownLatch(1);
        try (ArchiveStore first = Stores.open(db.toString());
                ArchiveStore second = Stores.open(db.toString(), Access.WRITE, notices::add)) {
            Thread t = new Thread(() -> first.atomically("hold", () -> {
                first.setMark("held", 1);
                holding.countDown();
                sleep(1_500);
            }));
            t.start();
            holding.await();

            second.setMark("after", 2);
            t.join();

            assertThat(second.mark("held")).isEqualTo(1);
            assertThat(second.mark("after")).isEqualTo(2);
            assertThat(notices).containsExactly("waiting for another process writing to archive " + db + " ...");
        }
    }

    @Test
    void aReaderIsNotHeldUpByAWriterAndSeesTheArchiveAsItWasUntilTheCommit() throws Exception {
        Path db = archive(dir);
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch read = new CountDownLatch(1);
        try (ArchiveStore writer = Stores.open(db.toString())) {
            Thread t = new Thread(() -> writer.atomically("hold", () -> {
                writer.setMark("inside", 1);
                holding.countDown();
                await(read);
            }));
            t.start();
            holding.await();
            try (ArchiveStore reader = Stores.open(db.toString(), Access.READ, n -> {})) {
                assertThat(reader.mark("inside")).isZero();
                assertThat(reader.stats()).containsEntry("pages", 8L);
            }
            read.countDown();
            t.join();
        }
    }

    @Test
    void historyWritersTakeTurnsAndTheSecondSaysWhomItWaitsFor() throws Exception {
        Path db = archive(dir);
        List<String> notices = new CopyOnWriteArrayList<>();
        try (ArchiveStore first = Stores.open(db.toString());
                ArchiveStore second = Stores.open(db.toString(), Access.WRITE, notices::add)) {
            ArchiveStore.Lock held = first.lockForWriting("currents import");
            Thread t = new Thread(() -> {
                sleep(700);
                held.close();
            });
            t.start();
            long start = System.nanoTime();
            try (ArchiveStore.Lock mine = second.lockForWriting("currents sync")) {
                assertThat(System.nanoTime() - start).isGreaterThan(TimeUnit.MILLISECONDS.toNanos(500));
            }
            t.join();
            assertThat(notices)
                    .singleElement()
                    .asString()
                    .matches("waiting for currents import \\(pid \\d+\\) to finish writing archive .*archive.db \\(one"
                            + " writer at a time\\) \\.\\.\\.");
        }
    }

    @Test
    void aWriterThatDidNotFinishIsReportedUntilOneDoes() {
        Path db = archive(dir);
        try (ArchiveStore store = Stores.open(db.toString())) {
            assertThat(store.unfinished()).isEmpty();
            try (ArchiveStore.Lock lock = store.lockForWriting("currents import")) {
                store.writingStarted();
            }
            assertThat(store.unfinished()).get().asString().contains("did not finish");
            try (ArchiveStore.Lock lock = store.lockForWriting("currents import")) {
                store.writingStarted();
                store.writingFinished();
            }
            assertThat(store.unfinished()).isEmpty();
        }
    }

    @Test
    void aTransactionThatFailsLeavesNothingOfItsWrites() {
        Path db = archive(dir);
        try (ArchiveStore store = Stores.open(db.toString())) {
            assertThatThrownBy(() -> store.atomically("fail", () -> {
                        store.setMark("a", 1);
                        store.setMark("b", 2);
                        throw new IllegalStateException("broken");
                    }))
                    .hasMessage("broken");
            assertThat(store.mark("a")).isZero();
            assertThat(store.mark("b")).isZero();
        }
    }

    private static void sql(Path db, String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement st = c.createStatement()) {
            for (String s : statements) {
                st.execute(s);
            }
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
