package org.currents.store.postgres;

import org.currents.store.ArchiveStore;
import org.currents.store.ArchiveStoreContract;
import org.currents.store.Stores;
import org.currents.testing.Postgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The archive's contract on PostgreSQL: each test a new schema of this class's own database. */
class PostgresStoreTest extends ArchiveStoreContract {
    private static Postgres server;
    private String url;

    @BeforeAll
    static void createDatabase() {
        server = Postgres.create(PostgresStoreTest.class);
    }

    @AfterAll
    static void dropDatabase() {
        server.close();
    }

    @Override
    protected ArchiveStore openFresh() {
        url = server.freshSchema();
        return Stores.open(url);
    }

    @Override
    protected ArchiveStore reopen() {
        return Stores.open(url);
    }
}
