package org.currents.serve;

import java.nio.file.Path;
import org.currents.testing.Postgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@link EnrichedPagesTest} on PostgreSQL: storing source metadata moves the change sequence there too. */
class PostgresEnrichedPagesTest extends EnrichedPagesTest {
    private static Postgres server;

    @BeforeAll
    static void createDatabase() {
        server = Postgres.create(PostgresEnrichedPagesTest.class);
    }

    @AfterAll
    static void dropDatabase() {
        server.close();
    }

    @Override
    protected String archive(Path dir) {
        return server.freshSchema();
    }
}
