package org.currents.store;

import java.nio.file.Path;
import org.currents.store.sqlite.SqliteStore;

/** Opens the archive a {@code --db} value names. */
public final class Stores {
    private Stores() {}

    /**
     * Opens (creating and migrating when needed) the archive named by {@code db}: a file path
     * or {@code jdbc:sqlite:} URL for SQLite; {@code jdbc:postgresql:} URLs name a PostgreSQL
     * database.
     *
     * @throws StoreException when the archive cannot be opened, naming it and why
     */
    public static ArchiveStore open(String db) {
        if (db == null || db.isBlank()) {
            throw new IllegalArgumentException("db must not be empty");
        }
        if (db.startsWith("jdbc:postgresql:")) {
            throw new StoreException(
                    "open " + redact(db) + ": the PostgreSQL store is not part of this build yet; use a SQLite file",
                    null);
        }
        if (db.startsWith("jdbc:sqlite:")) {
            return SqliteStore.open(db.substring("jdbc:sqlite:".length()));
        }
        if (db.startsWith("jdbc:")) {
            throw new StoreException(
                    "open " + redact(db) + ": unsupported database (use a file path, jdbc:sqlite: or jdbc:postgresql:)",
                    null);
        }
        return SqliteStore.open(Path.of(db).toString());
    }

    /** {@code url} without a password, for messages. */
    public static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***").replaceAll("//([^:/@]+):[^@/]*@", "//$1:***@");
    }
}
