package org.currents.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.currents.store.ArchiveStore;
import org.currents.store.StoreException;

/**
 * What one SQL database does its own way, for {@link JdbcStore}: the archive's SQL is otherwise
 * the same for SQLite and PostgreSQL (types the two share, {@code ON CONFLICT} upserts), so that
 * the rules of the archive are written once. A dialect object belongs to one open archive.
 */
public interface Dialect {
    /**
     * The mark ({@code marks} row) that holds the last page id handed out, where a database
     * keeps its page ids there rather than in a sequence; histories are reset around it.
     */
    String PAGE_IDS = "page_ids";

    /** What the archive is, for messages: the file, or the URL without its password. */
    String describe();

    /** {@code e} as the store's exception for operation {@code what}, in the user's words. */
    StoreException wrap(String what, SQLException e);

    /**
     * Begins a read-only transaction on {@code c} in which every read sees the archive as one
     * commit left it ({@link ArchiveStore#snapshot}); {@link #endSnapshot} ends it.
     */
    void beginSnapshot(Connection c) throws SQLException;

    /** Ends what {@link #beginSnapshot} began: a COMMIT on both databases (nothing was written). */
    default void endSnapshot(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("COMMIT");
        }
    }

    /** Waits for and takes the archive's one writer lock ({@link ArchiveStore#lockForWriting}). */
    ArchiveStore.Lock lockForWriting(String holder, boolean wait, Consumer<String> notices);

    /** Who holds the writer lock now, for readers' messages; null when nobody does. */
    String writerHolder();

    /** A new page id from the database, inside the caller's write transaction. */
    long nextPageId(Jdbc jdbc) throws SQLException;

    /** The archive's full-text search over {@code jdbc}. */
    Search search(Jdbc jdbc);

    /** Brings what the database computes for itself up to date after rows were copied in (sequences). */
    default void afterCopy(Jdbc jdbc) throws SQLException {}

    /**
     * The pool the store's connection came from, for work beside it on several threads at once
     * ({@link ArchiveStore#enrichClaims}: each call borrows a connection for its statement); null
     * where the database has none (a SQLite file), and {@link #connect} gives such work its own.
     */
    default DataSource pool() {
        return null;
    }

    /**
     * A new connection to the archive for writing, beside the store's, schema checked; the caller
     * closes it.
     *
     * @param notices receives a line when an operation waits for another process's lock
     * @throws StoreException when the archive cannot be opened
     */
    Connection connect(Consumer<String> notices);

    /**
     * The store committed a transaction that wrote {@code pages} pages' histories on {@code c}
     * (more than one: a page group, an import that goes on writing); nothing by default. SQLite
     * checkpoints its WAL on a thread of its own from here.
     */
    default void committed(Connection c, int pages) {}

    /** The store is about to close its connection: stop what works beside it; nothing by default. */
    default void closing() {}

    /** Releases what the dialect holds beyond the store's connection (a pool); nothing by default. */
    default void close() {}
}
