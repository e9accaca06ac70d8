package org.currents.store;

import java.nio.file.Path;
import java.util.function.Consumer;
import org.currents.store.sqlite.SqliteStore;

/** Opens the archive a {@code --db} value names. */
public final class Stores {
    private Stores() {}

    /**
     * Opens the archive named by {@code db} for writing, creating and migrating it when needed;
     * notices (such as waiting for another writer) are dropped.
     *
     * @throws StoreException when the archive cannot be opened, naming it and why
     * @see #open(String, Access, Consumer)
     */
    public static ArchiveStore open(String db) {
        return open(db, Access.WRITE, notice -> {});
    }

    /**
     * Opens the archive named by {@code db}: a file path or {@code jdbc:sqlite:} URL for SQLite;
     * {@code jdbc:postgresql:} URLs name a PostgreSQL database.
     *
     * @param access {@link Access#READ} never creates, migrates or changes the archive
     * @param notices receives one line when the store has to wait (another process is writing),
     *     for the user's terminal
     * @throws StoreException when the archive cannot be opened, naming it and why
     */
    public static ArchiveStore open(String db, Access access, Consumer<String> notices) {
        if (db == null || db.isBlank()) {
            throw new IllegalArgumentException("db must not be empty");
        }
        if (db.startsWith("jdbc:postgresql:")) {
            throw new StoreException(
                    "open " + redact(db) + ": the PostgreSQL store is not part of this build yet; use a SQLite file",
                    null);
        }
        if (db.startsWith("jdbc:sqlite:")) {
            return SqliteStore.open(sqlitePath(db.substring("jdbc:sqlite:".length())), access, notices);
        }
        if (db.startsWith("jdbc:")) {
            throw new StoreException(
                    "open " + redact(db) + ": unsupported database (use a file path, jdbc:sqlite: or jdbc:postgresql:)",
                    null);
        }
        return SqliteStore.open(Path.of(db).toString(), access, notices);
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
        String path = java.net.URLDecoder.decode(uri.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
        if (path.isEmpty()) {
            throw new StoreException("open jdbc:sqlite:" + rest + ": the URI names no file", null);
        }
        return path;
    }

    /** {@code url} without a password, for messages. */
    public static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***").replaceAll("//([^:/@]+):[^@/]*@", "//$1:***@");
    }
}
