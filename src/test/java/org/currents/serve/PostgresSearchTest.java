package org.currents.serve;

import java.nio.file.Path;
import org.currents.testing.Postgres;
import org.junit.jupiter.api.AfterAll;

/** Issue 9: {@link SearchTest}'s routes, queries and hostile input on PostgreSQL archives. */
class PostgresSearchTest extends SearchTest {
    private Postgres server;

    @Override
    protected String archive(Path dir, String name) {
        if (server == null) {
            server = Postgres.create(PostgresSearchTest.class);
        }
        return server.freshSchema();
    }

    @Override
    @AfterAll
    void stop() {
        super.stop(); // the servers' connections first
        server.close();
    }
}
