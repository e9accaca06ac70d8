package org.currents.store.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.Consumer;
import org.currents.store.ArchiveStore;
import org.currents.store.StoreException;

/**
 * The lock that keeps history writers of one PostgreSQL archive one at a time: a session-level
 * advisory lock (https://www.postgresql.org/docs/current/explicit-locking.html#ADVISORY-LOCKS)
 * held on a connection of its own for the whole command. The server releases it when that
 * session ends, so a writer killed by {@code kill -9} (or whose machine died) leaves no stale
 * lock. Advisory locks belong to one database, as an archive does. The session's {@code
 * application_name} says who holds it, for the message of those who wait.
 */
final class PostgresWriterLock implements ArchiveStore.Lock {
    /** The lock's two keys: "curr" and the writer lock's number. */
    static final int CLASS_KEY = 0x63757272;

    static final int WRITER_KEY = 1;

    private static final long POLL_MS = 200;

    private final Connection session;

    private PostgresWriterLock(Connection session) {
        this.session = session;
    }

    static PostgresWriterLock acquire(PostgresUrl url, String holder, boolean wait, Consumer<String> notices) {
        String what = "lock archive " + url.describe() + " for writing";
        Connection session = null;
        try {
            java.util.Properties props = url.properties();
            String name = holder + " (pid " + ProcessHandle.current().pid() + ")";
            props.setProperty("ApplicationName", name.length() > 63 ? name.substring(0, 63) : name);
            session = DriverManager.getConnection(url.jdbcUrl(), props);
            boolean told = false;
            while (true) {
                if (tryLock(session)) {
                    return new PostgresWriterLock(session);
                }
                String other = holder(session);
                if (!wait) {
                    throw new StoreException(
                            what,
                            (other == null ? "another currents" : other) + " is writing to it (one writer at a time;"
                                    + " without --no-wait this would wait)",
                            null);
                }
                if (!told) {
                    told = true;
                    notices.accept("waiting for " + (other == null ? "another currents" : other)
                            + " to finish writing archive " + url.describe() + " (one writer at a time) ...");
                }
                Thread.sleep(POLL_MS);
            }
        } catch (SQLException e) {
            close(session);
            throw PostgresErrors.wrap(url.describe(), what, e);
        } catch (InterruptedException e) {
            close(session);
            Thread.currentThread().interrupt();
            throw new StoreException(what, "interrupted while waiting", e);
        } catch (RuntimeException e) {
            close(session);
            throw e;
        }
    }

    private static boolean tryLock(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
            ps.setInt(1, CLASS_KEY);
            ps.setInt(2, WRITER_KEY);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** Who holds the writer lock of the database {@code c} is connected to, or null. */
    static String holder(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT a.application_name FROM pg_locks l"
                + " JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory' AND l.granted"
                + " AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())"
                + " AND l.classid = ? AND l.objid = ? AND l.objsubid = 2 LIMIT 1")) {
            ps.setLong(1, CLASS_KEY);
            ps.setLong(2, WRITER_KEY);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                String name = rs.getString(1);
                return name == null || name.isBlank() ? "another currents" : name;
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

    @Override
    public void close() {
        try (session) {
            try (PreparedStatement ps = session.prepareStatement("SELECT pg_advisory_unlock(?, ?)")) {
                ps.setInt(1, CLASS_KEY);
                ps.setInt(2, WRITER_KEY);
                ps.execute();
            }
        } catch (SQLException e) {
            // closing the session releases the lock all the same
        }
    }
}
