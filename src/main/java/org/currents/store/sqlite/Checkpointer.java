package org.currents.store.sqlite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteConfig;

/**
 * Copies the writer's WAL back into the database file on a thread of its own ({@code
 * currents-checkpoint}, with a connection of its own), so that a long import does not wait for
 * checkpoints: each copied up to 64 MB of pages and fsynced the file on the committing thread,
 * an I/O wait of seconds on a slow disk (bench/import.md).
 *
 * <p>After each commit the writer calls {@link #committed}; when the WAL file has grown past
 * {@link #WAL_BYTES}, this thread runs a {@code PASSIVE} checkpoint, which never blocks the writer
 * nor readers and copies only committed transactions (https://sqlite.org/wal.html#ckpt): crash
 * safety is the WAL's, as before. The writer's own automatic checkpoint stays on at twice the
 * size, for when this thread falls behind or stops: a failed checkpoint (a full disk, say) ends
 * this thread quietly and the writer reports what its own commits meet.
 */
final class Checkpointer implements AutoCloseable {
    /** The WAL size from which this thread checkpoints: half the writer's automatic bound. */
    static final long WAL_BYTES = 32L << 20;

    private final Connection connection;
    private final Path wal;
    private final Thread thread;
    private final Object lock = new Object();
    private boolean pending;
    private boolean closed;

    private Checkpointer(Connection connection, Path wal) {
        this.connection = connection;
        this.wal = wal;
        this.thread = new Thread(this::run, "currents-checkpoint");
        this.thread.setDaemon(true);
    }

    /**
     * Starts checkpointing the database that {@code writer} has open, through a second
     * connection to {@code url}; null when the database has no file (in memory) or the second
     * connection cannot be had (the writer then checkpoints alone, as it always could).
     */
    static Checkpointer start(Connection writer, String url) {
        try {
            Path file = mainFile(writer);
            if (file == null) {
                return null;
            }
            Connection c = new SQLiteConfig().createConnection(url);
            Checkpointer cp = new Checkpointer(c, Path.of(file + "-wal"));
            cp.thread.start();
            return cp;
        } catch (SQLException e) {
            return null;
        }
    }

    private static Path mainFile(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("PRAGMA database_list")) {
            while (rs.next()) {
                if ("main".equals(rs.getString(2))) {
                    String file = rs.getString(3);
                    return file == null || file.isEmpty() ? null : Path.of(file);
                }
            }
            return null;
        }
    }

    /** The writer committed: checkpoint soon if the WAL has grown. Never blocks. */
    void committed() {
        synchronized (lock) {
            pending = true;
            lock.notifyAll();
        }
    }

    private void run() {
        try (Statement st = connection.createStatement()) {
            while (waitForCommit()) {
                if (walSize() >= WAL_BYTES) {
                    try (ResultSet rs = st.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
                        rs.next(); // busy, or frames copied: either way the next commit asks again
                    }
                }
            }
        } catch (SQLException e) {
            // a checkpoint that fails ends this thread; the writer's automatic checkpoint remains
        }
    }

    private boolean waitForCommit() {
        synchronized (lock) {
            while (!pending && !closed) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    return false;
                }
            }
            pending = false;
            return !closed;
        }
    }

    private long walSize() {
        try {
            return Files.size(wal);
        } catch (IOException e) {
            return 0;
        }
    }

    /** Stops the thread (after the checkpoint it may be running) and closes its connection. */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        try {
            connection.close();
        } catch (SQLException ignored) {
            // nothing was left to write on this connection
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
