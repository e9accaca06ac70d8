package org.currents.store.sqlite;

import java.util.function.Consumer;
import org.currents.store.Access;
import org.currents.store.ArchiveStore;
import org.currents.store.StoreException;
import org.currents.store.jdbc.JdbcStore;

/**
 * The archive in one SQLite file (WAL mode), the embedded default: the shared {@link JdbcStore}
 * over a connection {@link SqliteFiles} opened, with the {@link SqliteDialect}. Opening creates
 * the file and applies pending migrations (writers only); each writing method is one transaction.
 */
public final class SqliteStore {
    private SqliteStore() {}

    /** Opens or creates the archive at {@code path} for writing and brings its schema up to date. */
    public static ArchiveStore open(String path) {
        return open(path, Access.WRITE, notice -> {});
    }

    /**
     * Opens the archive at {@code path}: for {@link Access#WRITE}, creating it and bringing its
     * schema up to date; for {@link Access#READ}, without changing the file in any way.
     *
     * @param notices receives a line when an operation waits for another process's lock
     * @throws StoreException when the file cannot be opened as an archive
     */
    public static ArchiveStore open(String path, Access access, Consumer<String> notices) {
        return new JdbcStore(new SqliteDialect(path), access, notices, SqliteFiles.open(path, access, notices));
    }
}
