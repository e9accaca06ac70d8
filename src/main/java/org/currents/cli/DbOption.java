package org.currents.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.currents.store.Access;
import org.currents.store.ArchiveStore;
import org.currents.store.StoreException;
import org.currents.store.Stores;
import picocli.CommandLine.Option;

/** The {@code --db} option every command takes, and how commands open the archive it names. */
final class DbOption {
    @Option(
            names = "--db",
            paramLabel = "PATH|URL",
            defaultValue = "currents.db",
            converter = NonEmpty.Text.class,
            description = "The archive: a SQLite file, a jdbc:sqlite: URL, or a PostgreSQL database as"
                    + " postgresql://HOST[:PORT]/DB[?user=...&password=...] or jdbc:postgresql://..."
                    + " (default: ${DEFAULT-VALUE}).")
    String db;

    /**
     * The archive opened by a history writer ({@code import}, {@code sync}, {@code rebuild}) and
     * the writer lock it holds; closing releases both. Call {@link #started} before the first
     * change and {@link #finished} once the work is done, moves and contexts included, so that
     * readers know in between that a writer is unfinished.
     */
    record Writing(ArchiveStore store, ArchiveStore.Lock lock) implements AutoCloseable {
        void started() {
            store.writingStarted();
        }

        void finished() {
            store.writingFinished();
        }

        @Override
        public void close() {
            try {
                lock.close();
            } finally {
                store.close();
            }
        }
    }

    /** The archive {@code demo} makes, which readers fall back to when the default is missing. */
    static final String DEMO_DB = "currents-demo.db";

    /**
     * The archive to read: {@code --db}; when it was not given and the default {@code
     * currents.db} does not exist but the demo's archive does, the demo's, said on {@code err}
     * (a newcomer who ran {@code demo} need not guess its file name).
     */
    String forReading(PrintWriter err) {
        if (db.equals("currents.db") && !Files.exists(Path.of(db)) && Files.exists(Path.of(DEMO_DB))) {
            err.println(
                    "currents: no currents.db here; reading the demo's archive " + DEMO_DB + " (give --db to choose)");
            err.flush();
            db = DEMO_DB;
        }
        refuseMissing();
        return db;
    }

    /** Notices of the store (waiting for another process) as lines on {@code err}. */
    static Consumer<String> notices(PrintWriter err) {
        return line -> {
            err.println("currents: " + line);
            err.flush();
        };
    }

    /** Opens the archive for writing, creating it when it does not exist (for history writers). */
    ArchiveStore open(PrintWriter err) {
        return Stores.open(db, Access.WRITE, notices(err));
    }

    /**
     * Opens the archive for a history writer, creating it when it does not exist, and waits
     * (saying so on {@code err}) until no other history writer works on it.
     *
     * @param holder the command, for the message of those who wait: {@code "currents import"}
     */
    Writing openForHistories(PrintWriter err, String holder) {
        return openForHistories(err, holder, true);
    }

    /** {@link #openForHistories(PrintWriter, String)}; with {@code wait} false, failing at once ({@code --no-wait}). */
    Writing openForHistories(PrintWriter err, String holder, boolean wait) {
        ArchiveStore store = open(err);
        try {
            return new Writing(store, store.lockForWriting(holder, wait));
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** Opens an existing archive for a command that changes it but must not create it ({@code rebuild}). */
    Writing openExistingForHistories(PrintWriter err, String holder, boolean wait) {
        refuseMissing();
        return openForHistories(err, holder, wait);
    }

    /**
     * Opens an archive that must exist, for reading only: nothing in the file changes, so that
     * reading works on read-only files and folders, and a mistyped path is not created.
     * What an interrupted writer left unfinished is said on {@code err}.
     */
    ArchiveStore openForReading(PrintWriter err) {
        forReading(err);
        ArchiveStore store = Stores.open(db, Access.READ, notices(err));
        warnIfUnfinished(store, err);
        return store;
    }

    /** Says on {@code err} what an interrupted writer left unfinished in {@code store}, if anything. */
    static void warnIfUnfinished(ArchiveStore store, PrintWriter err) {
        store.unfinished().ifPresent(why -> {
            err.println("currents: warning: archive " + store.describe() + ": " + why);
            err.flush();
        });
    }

    private void refuseMissing() {
        refuseMissing(db);
    }

    /** Refuses a file path that names no file in an existing folder: a mistyped archive is not created. */
    static void refuseMissing(String db) {
        if (!db.startsWith("jdbc:") && !db.contains("://")) {
            Path p = Path.of(db).toAbsolutePath();
            if (Files.isDirectory(p.getParent()) && !Files.exists(p)) {
                throw new StoreException("open archive " + db + ": no such file (currents import creates it)", null);
            }
        }
    }

    /**
     * Refuses an output that is one of the archive's own files: {@code export --out currents.db}
     * replaced the archive with its export, and a log appended to it, or to its {@code -wal},
     * would corrupt it. The same file by another path (a symbolic or hard link) is refused too.
     *
     * @param db the archive as {@code --db} names it (a PostgreSQL archive has no file: nothing to
     *     refuse)
     * @param option the option naming the output, for the message
     * @param output the output's path ({@code -} and {@code off} are no file)
     * @throws UsageException when the output is one of the archive's files
     */
    static void refuseArchiveFile(String db, String option, String output) {
        java.util.List<Path> files = org.currents.store.Stores.filesOf(db);
        if (files.isEmpty() || output.equals("-") || output.isBlank()) {
            return;
        }
        Path archive = files.get(0);
        Path out = Path.of(output).toAbsolutePath().normalize();
        for (Path file : files) {
            Path own = file.toAbsolutePath().normalize();
            boolean same = own.equals(out);
            if (!same && Files.exists(own) && Files.exists(out)) {
                try {
                    same = Files.isSameFile(own, out);
                } catch (java.io.IOException e) {
                    same = false; // unreadable: it cannot be told apart, and writing it will say why
                }
            }
            if (same) {
                throw new UsageException(option + " " + output + " is "
                        + (file.equals(archive) ? "the archive itself" : "a file of the archive " + archive)
                        + "; give another file");
            }
        }
    }
}
