package org.currents.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * One transaction on a connection, begun with {@code BEGIN IMMEDIATE} (the store's connections
 * are configured so). The first failure is the one thrown: after some errors, a full disk among
 * them, SQLite has already rolled the transaction back, and the rollback and end that follow fail
 * too ("cannot commit - no transaction is active"); those are kept as suppressed exceptions
 * rather than hiding why the transaction failed (https://sqlite.org/lang_transaction.html,
 * "Response To Errors Within A Transaction").
 */
public final class Transactions {
    private Transactions() {}

    /** Work inside the transaction. */
    public interface Work<T> {
        T run() throws SQLException;
    }

    /** Runs {@code work} in one transaction on {@code c}: committed when it returns, else rolled back. */
    public static <T> T run(Connection c, Work<T> work) throws SQLException {
        c.setAutoCommit(false);
        Throwable failure = null;
        try {
            T result = work.run();
            c.commit();
            return result;
        } catch (SQLException | RuntimeException | Error e) {
            failure = e;
            try {
                c.rollback();
            } catch (SQLException r) {
                e.addSuppressed(r);
            }
            throw e;
        } finally {
            try {
                c.setAutoCommit(true);
            } catch (SQLException e) {
                if (failure == null) {
                    throw e;
                }
                failure.addSuppressed(e);
            }
        }
    }
}
