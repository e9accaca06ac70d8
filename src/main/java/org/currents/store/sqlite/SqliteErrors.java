package org.currents.store.sqlite;

import java.sql.SQLException;
import org.currents.store.StoreException;

/**
 * Says in the user's words why SQLite failed: the driver's messages ("[SQLITE_BUSY] The database
 * file is locked (database is locked)") name codes, not what happened or which file. Codes are
 * SQLite's primary result codes (https://sqlite.org/rescode.html).
 */
final class SqliteErrors {
    static final int BUSY = 5;
    static final int LOCKED = 6;
    static final int READONLY = 8;
    static final int IOERR = 10;
    static final int CORRUPT = 11;
    static final int FULL = 13;
    static final int CANTOPEN = 14;
    static final int CONSTRAINT = 19;
    static final int NOTADB = 26;

    private SqliteErrors() {}

    /** {@code e} as the store's exception for operation {@code what} on the archive at {@code path}. */
    static StoreException wrap(String path, String what, SQLException e) {
        return new StoreException(what, reason(path, e), e);
    }

    /** SQLite's primary result code of {@code e}: the driver may report an extended one. */
    static int code(SQLException e) {
        return e.getErrorCode() & 0xff;
    }

    static String reason(String path, SQLException e) {
        return switch (code(e)) {
            case BUSY, LOCKED ->
                "archive " + path + " stayed locked by another process writing to it; try again" + " when it is done";
            case READONLY ->
                "archive " + path + " is read-only (writing needs write access to the file and its" + " folder)";
            case FULL ->
                "the disk is full writing archive " + path + " (this commit was not written; the archive"
                        + " is as it was before it)";
            case IOERR -> "I/O error on archive " + path + " (" + plain(e) + "; this commit was not written)";
            case CORRUPT -> "archive " + path + " is damaged (" + plain(e) + ")";
            case CANTOPEN -> "cannot open archive " + path + " or its journal (" + plain(e) + ")";
            case NOTADB -> path + " is not a SQLite database";
            case CONSTRAINT ->
                "a write conflicted with what archive " + path + " already holds (" + plain(e)
                        + "); was another program writing to it?";
            default -> plain(e);
        };
    }

    /** The driver's message without its bracketed code: "[SQLITE_FULL] Insertion failed (x)" gives "x". */
    static String plain(SQLException e) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        m = m.replaceFirst("^\\[SQLITE_[A-Z_]+\\]\\s*", "");
        int open = m.lastIndexOf('(');
        if (open > 0 && m.endsWith(")")) {
            m = m.substring(open + 1, m.length() - 1);
        }
        return m.isBlank() ? "error " + e.getErrorCode() : m;
    }
}
