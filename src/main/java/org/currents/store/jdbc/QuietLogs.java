package org.currents.store.jdbc;

import org.flywaydb.core.api.logging.Log;
import org.flywaydb.core.api.logging.LogCreator;

/**
 * Flyway's logs, dropped: it would otherwise report each migration on the terminal through
 * whatever logging library is on the class path. What the user needs to know, the stores say;
 * failures are thrown.
 */
public final class QuietLogs implements LogCreator {
    private static final Log QUIET = new Log() {
        @Override
        public void debug(String message) {}

        @Override
        public void info(String message) {}

        @Override
        public void warn(String message) {}

        @Override
        public void error(String message) {}

        @Override
        public void error(String message, Exception e) {}

        @Override
        public void notice(String message) {}
    };

    @Override
    public Log createLogger(Class<?> type) {
        return QUIET;
    }
}
