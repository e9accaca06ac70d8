package org.currents.store.sqlite;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.function.Consumer;
import org.currents.store.Access;
import org.currents.store.StoreException;
import org.sqlite.BusyHandler;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

/**
 * Opens the archive's file as its access needs, in an order that changes nothing until the file
 * is known to be a currents archive: the path and header are checked first, then the schema is
 * read, and only then is the journal switched to WAL and the schema migrated (writers only).
 *
 * <p>Readers never create, migrate or write: on a file or folder they may not write they open the
 * file read-only, and immutable when no writer's WAL is there to read (SQLite otherwise needs to
 * create {@code -shm} next to it, which a read-only folder forbids;
 * https://sqlite.org/wal.html#readonly).
 */
final class SqliteFiles {
    // SQLite's header string, the first 16 bytes of every database file (https://sqlite.org/fileformat.html)
    private static final byte[] HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

    // Checkpoint the WAL every 64 MB rather than SQLite's default 4 MB: an import commits about
    // 1 MB per day page, so the default copied each database page back about 16 times as often
    // and fsynced as often. Import of gen_corpus's large preset: 6.1 -> 4.7 GB written, system
    // time 8.4 -> 6.2 s (bench/import.md).
    private static final int WAL_CHECKPOINT_PAGES = 16_384;

    private SqliteFiles() {}

    /**
     * A connection to the archive at {@code path} for {@code access}, schema checked (and, for
     * writers, migrated).
     *
     * @throws StoreException when the file is not a currents archive this build can use, or
     *     cannot be opened
     */
    static Connection open(String path, Access access, Consumer<String> notices) {
        Path file = Path.of(path).toAbsolutePath();
        checkPath(path, file, access);
        Connection c = null;
        try {
            c = connect(path, file, access);
            BusyHandler.setHandler(c, new Waiting(path, notices));
            SqliteSchema.refuseForeign(path, c, access);
            if (access == Access.WRITE) {
                configureWriter(path, c, notices);
                SqliteMigrations.apply(c);
            } else {
                try (Statement st = c.createStatement()) {
                    st.execute("PRAGMA query_only = 1");
                }
            }
            try (Statement st = c.createStatement()) {
                st.execute("PRAGMA cache_size = -65536");
                st.execute("PRAGMA temp_store = MEMORY");
            }
            return c;
        } catch (SQLException e) {
            close(c);
            if (SqliteErrors.code(e) == SqliteErrors.NOTADB) {
                throw new StoreException("open archive " + path + ": it is not a SQLite database", null);
            }
            throw SqliteErrors.wrap(path, "open archive " + path, e);
        } catch (RuntimeException e) {
            close(c);
            throw e;
        }
    }

    private static void checkPath(String path, Path file, Access access) {
        if (Files.isDirectory(file)) {
            throw new StoreException("open archive " + path + ": it is a directory", null);
        }
        Path parent = file.getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new StoreException("open archive " + path + ": directory " + parent + " does not exist", null);
        }
        boolean exists = Files.exists(file);
        if (access == Access.READ && !exists) {
            throw new StoreException("open archive " + path + ": no such file (currents import creates it)", null);
        }
        if (exists && !Files.isRegularFile(file)) {
            throw new StoreException("open archive " + path + ": it is not a regular file", null);
        }
        long size = size(path, file);
        if (exists && size == 0 && access == Access.READ) {
            throw new StoreException(
                    "open archive " + path + ": not a currents archive (the file is empty; currents import fills it)",
                    null);
        }
        if (size > 0 && !hasSqliteHeader(path, file)) {
            throw new StoreException("open archive " + path + ": it is not a SQLite database", null);
        }
        if (access == Access.WRITE) {
            if (exists && !Files.isWritable(file)) {
                throw new StoreException(
                        "open archive " + path + " for writing: the file is read-only (reading commands such as"
                                + " stats, export and build work on it)",
                        null);
            }
            if (parent != null && !Files.isWritable(parent)) {
                throw new StoreException(
                        "open archive " + path + " for writing: folder " + parent + " is read-only (SQLite keeps"
                                + " its journal next to the archive; reading commands work on it)",
                        null);
            }
        }
    }

    private static long size(String path, Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : -1;
        } catch (IOException e) {
            throw new StoreException("open archive " + path + ": cannot read its size (" + e.getMessage() + ")", null);
        }
    }

    private static boolean hasSqliteHeader(String path, Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(HEADER.length), HEADER);
        } catch (IOException e) {
            throw new StoreException("open archive " + path + ": cannot read it (" + e.getMessage() + ")", null);
        }
    }

    private static Connection connect(String path, Path file, Access access) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        // writers take the write lock when their transaction begins, not at their first write: a
        // deferred transaction that read and then tries to write fails with SQLITE_BUSY at once,
        // without waiting, when another writer committed meanwhile (https://sqlite.org/lang_transaction.html)
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        if (access == Access.WRITE || writable(file)) {
            // a reader with write access still opens read-write, so that the last connection to
            // close checkpoints the WAL and removes -wal and -shm; query_only keeps it reading
            return config.createConnection("jdbc:sqlite:" + path);
        }
        config.setReadOnly(true);
        config.setOpenMode(SQLiteOpenMode.OPEN_URI);
        boolean writerWal = Files.exists(Path.of(path + "-wal")) && size(path, Path.of(path + "-wal")) > 0;
        String uri = file.toUri().toString().replaceFirst("^file:///", "file:/");
        return config.createConnection("jdbc:sqlite:" + uri + (writerWal ? "?mode=ro" : "?immutable=1"));
    }

    private static boolean writable(Path file) {
        Path parent = file.getParent();
        return Files.isWritable(file) && (parent == null || Files.isWritable(parent));
    }

    private static void configureWriter(String path, Connection c, Consumer<String> notices) throws SQLException {
        switchToWal(path, c, notices);
        try (Statement st = c.createStatement()) {
            st.execute("PRAGMA synchronous = NORMAL");
            st.execute("PRAGMA wal_autocheckpoint = " + WAL_CHECKPOINT_PAGES);
        }
    }

    /**
     * Puts the archive in WAL mode, waiting as long as {@link Waiting} would for another process.
     * The switch from a rollback journal needs an exclusive lock that SQLite takes without calling
     * the busy handler (pagerExclusiveLock in pager.c): a process opening a new archive while
     * another migrates it got SQLITE_BUSY at once (SqliteAccessTest, about one round in ten of
     * four threads under load). So the switch is retried here; once in WAL it is a no-op read.
     */
    private static void switchToWal(String path, Connection c, Consumer<String> notices) throws SQLException {
        long started = System.nanoTime();
        boolean told = false;
        for (int attempt = 0; ; attempt++) {
            try (Statement st = c.createStatement()) {
                st.execute("PRAGMA journal_mode = WAL");
                return;
            } catch (SQLException e) {
                long waited = (System.nanoTime() - started) / 1_000_000;
                if (SqliteErrors.code(e) != SqliteErrors.BUSY || waited >= Waiting.MAX_WAIT_MS) {
                    throw e;
                }
                if (waited >= 1_000 && !told) {
                    told = true;
                    notices.accept("waiting for another process writing to archive " + path + " ...");
                }
                try {
                    Thread.sleep(Math.min(100, 1L << Math.min(attempt, 6)));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static void close(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // already failing; the first error is the one to report
            }
        }
    }

    /**
     * Waits while another process holds the lock SQLite needs, saying so once per wait that
     * lasts a second, and giving up after {@link #MAX_WAIT_MS} (then the operation fails with a
     * clear message).
     */
    static final class Waiting extends BusyHandler {
        /** How long an operation waits for another process's transaction: 10 minutes. */
        static final long MAX_WAIT_MS = 600_000;

        private static final long NOTICE_AFTER_MS = 1_000;

        private final String path;
        private final Consumer<String> notices;
        private long started;
        private boolean told;

        Waiting(String path, Consumer<String> notices) {
            this.path = path;
            this.notices = notices;
        }

        @Override
        protected int callback(int attempts) {
            long now = System.nanoTime() / 1_000_000;
            if (attempts == 0) {
                started = now; // a new wait: said again if it lasts
                told = false;
            }
            long waited = now - started;
            if (waited >= NOTICE_AFTER_MS && !told) {
                told = true;
                notices.accept("waiting for another process writing to archive " + path + " ...");
            }
            if (waited >= MAX_WAIT_MS) {
                return 0;
            }
            try {
                Thread.sleep(Math.min(100, 1L << Math.min(attempts, 6)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 0;
            }
            return 1;
        }
    }
}
