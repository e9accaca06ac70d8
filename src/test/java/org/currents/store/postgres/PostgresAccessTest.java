package org.currents.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.currents.store.Access;
import org.currents.store.ArchiveStore;
import org.currents.store.StoreException;
import org.currents.store.Stores;
import org.currents.testing.Archives;
import org.currents.testing.Postgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a PostgreSQL archive is opened: readers never create, migrate or wait for a writer and see
 * whole commits only; what is not a currents archive, or cannot be reached, is said in one line
 * that never shows the password.
 */
class PostgresAccessTest {
    private static Postgres server;

    @TempDir
    Path dir;

    @BeforeAll
    static void createDatabase() {
        server = Postgres.create(PostgresAccessTest.class);
    }

    @AfterAll
    static void dropDatabase() {
        server.close();
    }

    @Test
    void describesTheArchiveWithoutItsPassword() {
        String db = "postgresql://postgres:hunter2@" + Postgres.SERVER + "/" + server.database();
        try (ArchiveStore store = Stores.open(db)) { // trust authentication takes any password
            assertThat(store.describe())
                    .isEqualTo("postgresql://postgres:***@" + Postgres.SERVER + "/" + server.database());
            assertThat(store.stats()).containsEntry("pages", 0L);
        }
    }

    @Test
    void saysInOneLineWhenTheServerOrTheDatabaseIsNotThere() {
        assertThatThrownBy(() -> Stores.open("postgresql://ann:hunter2@127.0.0.1:1/news"))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith(
                        "open archive postgresql://ann:***@127.0.0.1:1/news: cannot reach the" + " PostgreSQL server")
                .hasMessageNotContaining("hunter2")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThatThrownBy(() -> Stores.open("jdbc:postgresql://" + Postgres.SERVER + "/no_such_db_here?user=postgres"
                        + "&password=hunter2"))
                .hasMessageContaining("does not exist")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void aReaderRefusesAnEmptyDatabaseAndLeavesItEmpty() {
        String db = server.freshSchema();
        assertThatThrownBy(() -> Stores.open(db, Access.READ, n -> {}))
                .hasMessageEndingWith(": not a currents archive (an empty database; currents import fills it)");
        try (ArchiveStore writer = Stores.open(db)) {
            assertThat(writer.stats()).containsEntry("pages", 0L); // the reader created nothing
        }
    }

    @Test
    void refusesADatabaseOfSomethingElseAndANewerSchema() {
        String foreign = server.freshSchema();
        server.sql("CREATE TABLE " + schema(foreign) + ".notes (x text)");
        for (Access access : Access.values()) {
            assertThatThrownBy(() -> Stores.open(foreign, access, n -> {}))
                    .hasMessageEndingWith("it is a PostgreSQL database but not a currents archive (it has tables and no"
                            + " flyway_schema_history)");
        }

        String newer = server.freshSchema();
        Stores.open(newer).close();
        int next = PostgresStore.SCRIPTS.latest() + 1;
        server.sql("INSERT INTO " + schema(newer) + ".flyway_schema_history (installed_rank, version, description,"
                + " type, script, checksum, installed_by, execution_time, success) VALUES (" + next + ", '" + next
                + "', 'future', 'SQL', 'V" + next + "__future.sql', 0, 'test', 0, true)");
        assertThatThrownBy(() -> Stores.open(newer))
                .hasMessageEndingWith("made by a newer currents (schema " + next + ", this build knows "
                        + PostgresStore.SCRIPTS.latest() + ")");
    }

    @Test
    void aReaderIsNotHeldUpByAWriterAndSeesTheArchiveAsItWasUntilTheCommit() throws Exception {
        String db = server.freshSchema();
        try (ArchiveStore writer = Stores.open(db)) {
            Archives.importFile(writer, Archives.sample(dir));
        }
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch read = new CountDownLatch(1);
        try (ArchiveStore writer = Stores.open(db);
                ArchiveStore reader = Stores.open(db, Access.READ, n -> {})) {
            Thread t = new Thread(() -> writer.atomically("reset", () -> {
                writer.resetHistories();
                writing.countDown();
                await(read);
            }));
            t.start();
            assertThat(writing.await(60, TimeUnit.SECONDS)).isTrue();
            long events = reader.snapshot(() -> reader.stats().get("events"));
            assertThat(events).as("the writer's uncommitted reset is not seen").isPositive();
            assertThat(reader.snapshot(() -> reader.eventSummaries().size())).isEqualTo((int) events);
            assertThatThrownBy(() -> reader.resetHistories()).isInstanceOf(StoreException.class);
            read.countDown();
            t.join();
            assertThat(reader.stats().get("events"))
                    .as("the commit is seen once made")
                    .isZero();
        }
    }

    private static String schema(String url) {
        return url.substring(url.indexOf("currentSchema=") + "currentSchema=".length());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
