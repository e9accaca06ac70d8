package org.currents.cli;

import java.nio.file.Path;
import org.currents.testing.Postgres;
import org.junit.jupiter.api.AfterAll;

/** {@link ServeLargeArchiveTest} on a PostgreSQL archive: the per-page queries' SQL on both stores. */
class PostgresServeLargeArchiveTest extends ServeLargeArchiveTest {
    private Postgres server;

    @Override
    protected String archive(Path dir) {
        server = Postgres.create(PostgresServeLargeArchiveTest.class);
        return server.url();
    }

    @Override
    @AfterAll
    void stop() {
        super.stop(); // the server's connections first
        server.close();
    }
}
