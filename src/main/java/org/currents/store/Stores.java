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
            return SqliteStore.open(db.substring("jdbc:sqlite:".length()), access, notices);
        }
        if (db.startsWith("jdbc:")) {
            throw new StoreException(
                    "open " + redact(db) + ": unsupported database (use a file path, jdbc:sqlite: or jdbc:postgresql:)",
                    null);
        }
        return SqliteStore.open(Path.of(db).toString(), access, notices);
    }

    /** {@code url} without a password, for messages. */
    public static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***").replaceAll("//([^:/@]+):[^@/]*@", "//$1:***@");
    }
}
