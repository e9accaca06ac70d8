package org.currents.store.sqlite;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.currents.store.Access;
import org.currents.store.ArchiveStore;
import org.currents.store.StoreException;
import org.currents.store.StoreProvider;

/** SQLite archives: plain file paths and {@code jdbc:sqlite:} URLs. */
public final class SqliteStoreProvider implements StoreProvider {
    private static final String JDBC = "jdbc:sqlite:";

    @Override
    public String name() {
        return "sqlite";
    }

    @Override
    public boolean accepts(String db) {
        return db.startsWith(JDBC);
    }

    @Override
    public boolean opensFiles() {
        return true;
    }

    @Override
    public ArchiveStore open(String db, Access access, Consumer<String> notices) {
        return SqliteStore.open(path(db), access, notices);
    }

    /** The database, its write-ahead log and shared memory, its rollback journal, its lock file. */
    @Override
    public java.util.List<Path> filesOf(String db) {
        String path;
        try {
            path = Path.of(path(db)).toString();
        } catch (RuntimeException e) { // no file named (StoreException), or not a path here
            return java.util.List.of();
        }
        return java.util.List.of(
                Path.of(path),
                Path.of(path + "-wal"),
                Path.of(path + "-shm"),
                Path.of(path + "-journal"),
                SqliteWriterLock.fileOf(path));
    }

    private static String path(String db) {
        return db.startsWith(JDBC)
                ? sqlitePath(db.substring(JDBC.length()))
                : Path.of(db).toString();
    }

    /**
     * The file a {@code jdbc:sqlite:} URL names: a path as it is, or a SQLite URI filename
     * ({@code file:/x/a.db?mode=ro}, {@code file:///x/a%20b.db}, https://sqlite.org/uri.html)
     * without its scheme, empty or {@code localhost} authority, percent escapes and query. Read
     * as a path, {@code file:/x/a.db?mode=ro} named a folder {@code file:} that does not exist.
     * The query's open mode is the store's business, not the URL's: readers open read-only.
     *
     * @throws StoreException for a URI that names another host or no file
     */
    static String sqlitePath(String rest) {
        if (!rest.startsWith("file:")) {
            return rest;
        }
        String uri = rest.substring("file:".length());
        int query = uri.indexOf('?');
        if (query >= 0) {
            uri = uri.substring(0, query);
        }
        int fragment = uri.indexOf('#');
        if (fragment >= 0) {
            uri = uri.substring(0, fragment);
        }
        if (uri.startsWith("//")) {
            int slash = uri.indexOf('/', 2);
            String host = slash < 0 ? uri.substring(2) : uri.substring(2, slash);
            if (!host.isEmpty() && !host.equalsIgnoreCase("localhost")) {
                throw new StoreException("open jdbc:sqlite:" + rest + ": a SQLite file URI names no other host", null);
            }
            uri = slash < 0 ? "" : uri.substring(slash);
        }
        String path = URLDecoder.decode(uri.replace("+", "%2B"), StandardCharsets.UTF_8);
        if (path.isEmpty()) {
            throw new StoreException("open jdbc:sqlite:" + rest + ": the URI names no file", null);
        }
        return path;
    }
}
