package org.currents.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.currents.store.ArchiveStore;
import org.currents.store.Stores;
import org.currents.testing.Archives;
import org.currents.testing.Postgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 9: one writer per archive at a time, on SQLite (a lock file) and PostgreSQL (an
 * advisory lock): a second writer waits and says for whom, or with {@code --no-wait} fails at
 * once naming the writer; the archive is whole afterwards.
 */
class WritersTest {
    private static Postgres server;

    @TempDir
    Path dir;

    @BeforeAll
    static void createDatabase() {
        server = Postgres.create(WritersTest.class);
    }

    @AfterAll
    static void dropDatabase() {
        server.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sqlite", "postgresql"})
    void aSecondWriterWaitsOrWithNoWaitRefusesAndTheArchiveIsWhole(String kind) throws Exception {
        String db = kind.equals("sqlite") ? dir.resolve("archive.db").toString() : server.freshSchema();
        String sample = Archives.sample(dir).toString();
        Cli.expect(0, "import", "--db=" + db, sample);

        CompletableFuture<Cli.Run> waiting;
        try (ArchiveStore first = Stores.open(db);
                ArchiveStore.Lock held = first.lockForWriting("currents sync")) {
            Cli.Run refused = Cli.expect(1, "import", "--no-wait", "--db=" + db, sample);
            assertThat(refused.err())
                    .containsPattern("currents sync \\(pid \\d+\\) is writing to it")
                    .contains("one writer at a time");
            assertThat(refused.err().strip().lines()).hasSize(1);

            waiting = CompletableFuture.supplyAsync(() -> Cli.run("rebuild", "--db=" + db));
            Thread.sleep(1500);
            assertThat(waiting).as("waits while the other writes").isNotDone();
        }
        Cli.Run after = waiting.get(120, TimeUnit.SECONDS);
        assertThat(after.code()).as(after.toString()).isZero();
        assertThat(after.err()).containsPattern("waiting for currents sync \\(pid \\d+\\) to finish writing archive");
        try (ArchiveStore store = Stores.open(db)) {
            assertThat(store.stats()).containsEntry("pages", 8L);
            assertThat(store.unfinished()).isEmpty();
        }
    }
}
