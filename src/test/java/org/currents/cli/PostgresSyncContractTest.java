package org.currents.cli;

import java.util.HashMap;
import java.util.Map;
import org.currents.testing.Postgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Issue 9: {@link SyncContractTest} (an imported export and a synced history agree) on PostgreSQL. */
class PostgresSyncContractTest extends SyncContractTest {
    private static Postgres server;
    private final Map<String, String> archives = new HashMap<>();

    @BeforeAll
    static void createDatabase() {
        server = Postgres.create(PostgresSyncContractTest.class);
    }

    @AfterAll
    static void dropDatabase() {
        server.close();
    }

    @Override
    protected String archive(String name) {
        return archives.computeIfAbsent(name, n -> server.freshSchema());
    }
}
