package org.currents.store.postgres;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.sql.Connection;
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
 * with Flyway (which serialises concurrent migrations with an advisory lock of its own), readers
 * take only the schema this build writes and never change anything.
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
                SCRIPTS.migrate(pool, null, 0);
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
