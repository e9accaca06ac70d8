package org.currents.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Consumer;
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

    /** Ends what {@link #beginSnapshot} began. */
    void endSnapshot(Connection c) throws SQLException;

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

    /** Releases what the dialect holds beyond the store's connection (a pool); nothing by default. */
    default void close() {}
}
