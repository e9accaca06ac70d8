package org.currents.store.postgres;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.currents.store.ArchiveStore;
import org.currents.store.StoreException;
import org.currents.store.jdbc.Dialect;
import org.currents.store.jdbc.Jdbc;
import org.currents.store.jdbc.Search;

/**
 * PostgreSQL's ways: SQLSTATEs, REPEATABLE READ snapshots, an advisory writer lock, page ids
 * from a sequence, tsvector search, the pool for work beside the store's connection (enrich's
 * claims). Closing releases the store's share of the pool.
 */
final class PostgresDialect implements Dialect {
    private final PostgresUrl url;
    private final HikariDataSource pool;
    private boolean closed;

    PostgresDialect(PostgresUrl url, HikariDataSource pool) {
        this.url = url;
        this.pool = pool;
    }

    @Override
    public String describe() {
        return url.describe();
    }

    @Override
    public StoreException wrap(String what, SQLException e) {
        return PostgresErrors.wrap(url.describe(), what, e);
    }

    /**
     * REPEATABLE READ: every statement of the transaction reads the snapshot its first one took,
     * so a reader never sees half of a writer's commit, and never waits for a writer (MVCC).
     */
    @Override
    public void beginSnapshot(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
        }
    }

    @Override
    public ArchiveStore.Lock lockForWriting(String holder, boolean wait, Consumer<String> notices) {
        return PostgresWriterLock.acquire(url, holder, wait, notices);
    }

    @Override
    public String writerHolder() {
        try (Connection c = pool.getConnection()) {
            return PostgresWriterLock.holder(c);
        } catch (SQLException e) {
            return null; // a reader's warning, not worth failing for
        }
    }

    @Override
    public long nextPageId(Jdbc jdbc) throws SQLException {
        return jdbc.first("SELECT nextval('pages_id_seq')", rs -> rs.getLong(1)).orElseThrow();
    }

    @Override
    public void afterCopy(Jdbc jdbc) throws SQLException {
        jdbc.first("SELECT setval('pages_id_seq', (SELECT COALESCE(MAX(id), 0) + 1 FROM pages), false)", rs -> 0);
        // statistics now, not when autovacuum gets round to them: without them the first
        // searches of a common word plan a GIN scan of every match (300 ms for 150k versions)
        // rather than a walk of the newest ids (0.3 ms)
        jdbc.update("ANALYZE");
        PostgresSearch.cleanPendingList(jdbc); // the copy's rows, merged now rather than scanned by every search
    }

    @Override
    public Search search(Jdbc jdbc) {
        return new PostgresSearch(jdbc);
    }

    @Override
    public DataSource pool() {
        return pool;
    }

    @Override
    public Connection connect(Consumer<String> notices) {
        try {
            return pool.getConnection();
        } catch (SQLException e) {
            throw wrap("connect to archive " + describe(), e);
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            Pools.release(pool);
        }
    }
}
