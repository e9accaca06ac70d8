package org.currents.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.currents.store.Access;
import org.currents.store.ArchiveStore;
import org.currents.store.Stores;
import org.currents.store.jdbc.Migrations;
import org.currents.testing.Postgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A writer does not migrate a schema another session is still migrating: here that session is
 * a bare connection in the middle of every migration, as the backend of a writer killed by
 * {@code kill -9} is until it commits. The writer waits, says so, and then finds the work done
 * instead of doing it again ("relation ... already exists" in KillNineIT's migrate campaign).
 */
class PostgresMigrationLockTest {
    private static Postgres server;

    @BeforeAll
    static void createDatabase() {
        server = Postgres.create(PostgresMigrationLockTest.class);
    }

    @AfterAll
    static void dropDatabase() {
        server.close();
    }

    @Test
    void aWriterWaitsForAMigrationInAnotherSessionAndDoesNotRepeatIt() throws Exception {
        String url = server.freshSchema();
        List<String> notices = new CopyOnWriteArrayList<>();
        CompletableFuture<Long> writer;
        try (Connection other = DriverManager.getConnection(url)) {
            midMigration(other);

            writer = CompletableFuture.supplyAsync(() -> {
                try (ArchiveStore store = Stores.open(url, Access.WRITE, notices::add)) {
                    return store.stats().get("pages");
                }
            });
            awaitNotice(notices, writer);
            assertThat(writer)
                    .as("the writer waits while the other session migrates")
                    .isNotDone();
            assertThat(notices)
                    .singleElement()
                    .asString()
                    .startsWith("waiting for another currents to finish upgrading archive ");
            other.commit();
        } // the session ends: its lock goes with it, as a killed writer's does

        assertThat(writer.get(20, TimeUnit.SECONDS)).isZero();
        try (Connection c = DriverManager.getConnection(url);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*), count(DISTINCT version) FROM " + Migrations.HISTORY)) {
            rs.next();
            assertThat(rs.getInt(1))
                    .as("each migration ran once")
                    .isEqualTo(rs.getInt(2))
                    .isEqualTo(PostgresStore.SCRIPTS.latest());
        }
    }

    /** The writer waited for was a newer currents: what it left is refused, not used. */
    @Test
    void aWriterThatWaitedChecksTheSchemaAgain() throws Exception {
        String url = server.freshSchema();
        CompletableFuture<Long> writer;
        try (Connection other = DriverManager.getConnection(url)) {
            midMigration(other);
            try (Statement st = other.createStatement()) {
                st.executeUpdate("INSERT INTO " + Migrations.HISTORY + " (installed_rank, version, description, type,"
                        + " script, checksum, installed_by, execution_time, success) SELECT max(installed_rank) + 1,"
                        + " '" + (PostgresStore.SCRIPTS.latest() + 1) + "', 'from the future', 'SQL', 'V99__x.sql',"
                        + " 0, 'test', 0, true FROM " + Migrations.HISTORY);
            }
            List<String> notices = new CopyOnWriteArrayList<>();
            writer = CompletableFuture.supplyAsync(() -> {
                try (ArchiveStore store = Stores.open(url, Access.WRITE, notices::add)) {
                    return store.stats().get("pages");
                }
            });
            awaitNotice(notices, writer);
            assertThat(notices).hasSize(1);
            other.commit();
        }
        assertThat(writer)
                .failsWithin(20, TimeUnit.SECONDS)
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .havingCause()
                .withMessageContaining("made by a newer currents (schema " + (PostgresStore.SCRIPTS.latest() + 1));
    }

    @Test
    void aWriterReleasesTheMigrationLockWhenItHasMigrated() throws SQLException {
        String url = server.freshSchema();
        try (ArchiveStore store = Stores.open(url, Access.WRITE, n -> {})) {
            try (Connection c = DriverManager.getConnection(url);
                    Statement st = c.createStatement();
                    ResultSet rs =
                            st.executeQuery("SELECT pg_try_advisory_lock(" + PostgresStore.MIGRATION_LOCK + ")")) {
                rs.next();
                assertThat(rs.getBoolean(1))
                        .as("free while the writer still has the archive open")
                        .isTrue();
            }
        }
    }

    /**
     * Leaves {@code other} in the middle of every migration, holding the migration lock: as
     * the backend of a writer killed before its commit is.
     */
    private static void midMigration(Connection other) throws SQLException {
        try (Statement st = other.createStatement()) {
            st.execute("SELECT pg_advisory_lock(" + PostgresStore.MIGRATION_LOCK + ")");
        }
        other.setAutoCommit(false);
        PostgresStore.SCRIPTS.migrate(Migrations.inTransaction(other), null, 0);
    }

    /** Waits (at most 20 s) until the writer says something or ends. */
    private static void awaitNotice(List<String> notices, CompletableFuture<?> writer) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (notices.isEmpty() && System.nanoTime() < deadline && !writer.isDone()) {
            Thread.sleep(20);
        }
    }
}
