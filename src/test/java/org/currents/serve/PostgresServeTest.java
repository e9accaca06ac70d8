package org.currents.serve;

import java.nio.file.Path;
import org.currents.testing.Postgres;
import org.junit.jupiter.api.AfterAll;

/** Issue 9: {@link ServeTest}'s routes on a PostgreSQL archive. */
class PostgresServeTest extends ServeTest {
    private Postgres server;

    @Override
    protected String archive(Path dir) {
        server = Postgres.create(PostgresServeTest.class);
        return server.url();
    }

    @Override
    @AfterAll
    void stop() {
        super.stop(); // the server's connections first
        server.close();
    }
}
