package org.currents.store.postgres;

import java.sql.SQLException;
import org.currents.store.StoreException;

/**
 * Says in the user's words why PostgreSQL failed, by SQLSTATE class
 * (https://www.postgresql.org/docs/current/errcodes-appendix.html). The driver's messages name
 * no password; the archive is named by its redacted URL.
 */
final class PostgresErrors {
    private PostgresErrors() {}

    static StoreException wrap(String archive, String what, SQLException e) {
        return new StoreException(what, reason(archive, e), e);
    }

    static String reason(String archive, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String plain = plain(e);
        if (state.startsWith("08")) {
            return "cannot reach the PostgreSQL server (" + plain + ")";
        }
        if (state.startsWith("28")) {
            return "the PostgreSQL server refused the login (" + plain + ")";
        }
        return switch (state) {
            case "3D000" -> "the database does not exist (" + plain + "; create it with createdb)";
            case "53100" ->
                "the PostgreSQL server's disk is full writing archive " + archive + " (" + plain
                        + "; this commit was not written, the archive is as it was before it)";
            case "25006" -> "archive " + archive + " was opened for reading (" + plain + ")";
            case "40001", "40P01" -> "a write conflicted with another process's (" + plain + "); try again";
            case "23505", "23503" ->
                "a write conflicted with what archive " + archive + " already holds (" + plain
                        + "); was another program writing to it?";
            case "57014" -> "the statement was cancelled (" + plain + ")";
            default -> plain;
        };
    }

    /** The server's message, its first line, without "ERROR: " or "FATAL: ". */
    static String plain(SQLException e) {
        String m = e.getMessage() == null ? "" : e.getMessage().strip();
        int nl = m.indexOf('\n');
        if (nl >= 0) {
            m = m.substring(0, nl).strip();
        }
        m = m.replaceFirst("^(ERROR|FATAL|PANIC):\\s*", "");
        return m.isBlank() ? "SQLSTATE " + e.getSQLState() : m;
    }
}
