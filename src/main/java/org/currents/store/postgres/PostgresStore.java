package org.currents.store.postgres;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.Consumer;
import org.currents.store.Access;
import org.currents.store.ArchiveStore;
import org.currents.store.StoreException;
import org.currents.store.jdbc.JdbcStore;
import org.currents.store.jdbc.Migrations;

/**
 * The archive in a PostgreSQL database, for archives shared by a writer, enrich workers and
 * servers on several machines: the shared {@link JdbcStore} over a connection from a HikariCP
 * pool, with the {@link PostgresDialect}. The archive is the tables of the connection's schema
 * ({@code public} unless the URL says {@code currentSchema=}); writers create and migrate them
 * with Flyway, one at a time ({@link #migrateAlone}), readers take only the schema this build
 * writes and never change anything.
 */
public final class PostgresStore {
    static final Migrations SCRIPTS = new Migrations("org/currents/store/postgres");

    private PostgresStore() {}

    /**
     * Opens the archive {@code db} names ({@code postgresql://…} or {@code jdbc:postgresql:…}).
     *
     * @throws StoreException when the database cannot be reached or is not a currents archive
     *     this build can use; the message never shows the password
     */
    public static ArchiveStore open(String db, Access access, Consumer<String> notices) {
        PostgresUrl url = PostgresUrl.parse(db);
        String what = "open archive " + url.describe();
        HikariDataSource pool;
        try {
            pool = Pools.acquire(url);
        } catch (HikariPool.PoolInitializationException e) {
            throw e.getCause() instanceof SQLException s
                    ? PostgresErrors.wrap(url.describe(), what, s)
                    : new StoreException(what, e.getMessage(), e);
        }
        PostgresDialect dialect = new PostgresDialect(url, pool);
        Connection c = null;
        try {
            c = pool.getConnection();
            int version = PostgresSchema.check(url.describe(), c, access, SCRIPTS.latest());
            if (access == Access.WRITE && version < SCRIPTS.latest()) {
                migrateAlone(url, c, pool, notices);
            }
            if (access == Access.READ) {
                c.setReadOnly(true);
            }
            return new JdbcStore(dialect, access, notices, c);
        } catch (SQLException e) {
            close(c);
            dialect.close();
            throw PostgresErrors.wrap(url.describe(), what, e);
        } catch (RuntimeException e) {
            close(c);
            dialect.close();
            throw e;
        }
    }

    /**
     * Runs Flyway while holding a session-level advisory lock of the archive's schema on {@code
     * c}, so that no two writers migrate one schema at once, whatever state the other is in.
     * Flyway's own lock did not do it: a writer killed by {@code kill -9} leaves its backend
     * running until it next talks to the client, which may be to commit the migration it was in,
     * and a rerun started at once applied that migration a second time ("relation ... already
     * exists", "trigger ... does not exist": KillNineIT's migrate campaign in CI). The server
     * drops a session lock only when the session ends, after its transaction has committed or
     * rolled back, so Flyway here reads a history no one is still writing. The schema is checked
     * again under the lock: the writer waited for may have been a newer currents.
     */
    static void migrateAlone(PostgresUrl url, Connection c, HikariDataSource pool, Consumer<String> notices)
            throws SQLException {
        boolean told = false;
        while (!lock(c, "pg_try_advisory_lock")) {
            if (!told) {
                told = true;
                notices.accept("waiting for another currents to finish upgrading archive " + url.describe() + " ...");
            }
            try {
                Thread.sleep(LOCK_POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreException("open archive " + url.describe(), "interrupted while waiting", e);
            }
        }
        try {
            if (PostgresSchema.check(url.describe(), c, Access.WRITE, SCRIPTS.latest()) < SCRIPTS.latest()) {
                SCRIPTS.migrate(pool, null, 0);
            }
        } finally {
            try {
                lock(c, "pg_advisory_unlock");
            } catch (SQLException e) {
                // a session that cannot unlock is gone, and its lock with it; a migration's own
                // failure is the one to report
            }
        }
    }

    /** The key of the migration lock of the connection's current schema, in SQL. */
    static final String MIGRATION_LOCK =
            "hashtextextended('currents migration of ' || coalesce(current_schema(), ''), 0)";

    /** How often a writer asks again for a migration lock another session holds. */
    private static final long LOCK_POLL_MS = 100;

    /**
     * Calls {@code function} ({@code pg_try_advisory_lock} or {@code pg_advisory_unlock}) on the
     * migration lock of {@code c}'s current schema: one 64-bit key, in a space apart from the
     * writer lock's pair of keys.
     */
    private static boolean lock(Connection c, String function) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + function + "(" + MIGRATION_LOCK + ")");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private static void close(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // already failing
            }
        }
    }
}
