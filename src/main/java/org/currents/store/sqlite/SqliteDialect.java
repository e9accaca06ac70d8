package org.currents.store.sqlite;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Consumer;
import org.currents.store.Access;
import org.currents.store.ArchiveStore;
import org.currents.store.StoreException;
import org.currents.store.jdbc.Dialect;
import org.currents.store.jdbc.Jdbc;
import org.currents.store.jdbc.Search;

/**
 * SQLite's ways: its result codes, WAL snapshots, the lock file, page ids in a mark, FTS5, a
 * connection of its own for work beside the store's.
 */
final class SqliteDialect implements Dialect {
    private final String path;
    // started by the first commit of a page group (an import's): see Checkpointer
    private Checkpointer checkpointer;
    private boolean checkpointerTried;

    SqliteDialect(String path) {
        this.path = path;
    }

    /** A page group committed: the WAL is checkpointed on a thread of its own ({@link Checkpointer}). */
    @Override
    public void committed(Connection c, int pages) {
        if (pages <= 1) {
            return;
        }
        if (!checkpointerTried) {
            checkpointerTried = true;
            checkpointer = Checkpointer.start(c, "jdbc:sqlite:" + path);
        }
        if (checkpointer != null) {
            checkpointer.committed();
        }
    }

    /** Stops the checkpoint thread first: the writer's connection, closing last, checkpoints all. */
    @Override
    public void closing() {
        if (checkpointer != null) {
            checkpointer.close();
            checkpointer = null;
        }
    }

    @Override
    public String describe() {
        return path;
    }

    @Override
    public StoreException wrap(String what, SQLException e) {
        return SqliteErrors.wrap(path, what, e);
    }

    @Override
    public void beginSnapshot(Connection c) throws SQLException {
        // a deferred BEGIN takes no lock until the first read, which pins the WAL snapshot; the
        // connection's own transaction mode is IMMEDIATE (for writers), so it is begun by hand
        try (Statement st = c.createStatement()) {
            st.execute("BEGIN DEFERRED");
        }
    }

    @Override
    public ArchiveStore.Lock lockForWriting(String holder, boolean wait, Consumer<String> notices) {
        return SqliteWriterLock.acquire(path, holder, wait, notices);
    }

    @Override
    public String writerHolder() {
        return SqliteWriterLock.holder(path);
    }

    /**
     * Mark {@value Dialect#PAGE_IDS} is the archive's sequence of page ids, moved on in the
     * caller's write transaction, so that no two processes and no two pending pages get the same
     * id; as with a PostgreSQL sequence, an id handed to a page that is never written is not handed
     * out again. The first use in an archive starts after its highest page id.
     */
    @Override
    public long nextPageId(Jdbc jdbc) throws SQLException {
        return jdbc.first(
                        "INSERT INTO marks (name, value) VALUES ('" + PAGE_IDS + "',"
                                + " (SELECT COALESCE(MAX(id), 0) + 1 FROM pages)) ON CONFLICT (name) DO UPDATE"
                                + " SET value = max(marks.value, (SELECT COALESCE(MAX(id), 0) FROM pages)) + 1"
                                + " RETURNING value",
                        rs -> rs.getLong(1))
                .orElseThrow();
    }

    @Override
    public Search search(Jdbc jdbc) {
        return new SqliteSearch(jdbc);
    }

    /** A second connection to the file, as a writer opens it (the schema is already current). */
    @Override
    public Connection connect(Consumer<String> notices) {
        return SqliteFiles.open(path, Access.WRITE, notices);
    }
}
