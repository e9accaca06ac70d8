package org.currents.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.currents.testing.Postgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * {@link EnrichClaimsContract} on the real PostgreSQL at 127.0.0.1:5432 (trust, user postgres),
 * each test in a new schema of this class's own database (dropped after), its tables made by the
 * store's Flyway migrations up to V6. The first claims object of a test is the store's own, each
 * call borrowing a connection from the store's pool; the others have a session of their own, as
 * another process would.
 */
class PostgresEnrichClaimsTest extends EnrichClaimsContract {
    private static Postgres server;
    private final List<ArchiveStore> stores = new ArrayList<>();
    private String url;

    @BeforeAll
    static void createDatabase() {
        server = Postgres.create(PostgresEnrichClaimsTest.class);
    }

    @AfterAll
    static void dropDatabase() {
        server.close();
    }

    @AfterEach
    void closeStores() {
        stores.forEach(ArchiveStore::close);
    }

    /** A PostgreSQL store on a new schema, and its claims over the store's pool. */
    @Override
    protected EnrichClaims openFresh() {
        url = server.freshSchema();
        ArchiveStore store = Stores.open(url);
        stores.add(store);
        return store.enrichClaims();
    }

    /** Claims on one session of their own to the same schema, as a process with one connection has. */
    @Override
    protected EnrichClaims openAnother() throws SQLException {
        Connection c = DriverManager.getConnection(url);
        return SqlEnrichClaims.on(c, "postgresql://" + Postgres.SERVER + "/" + server.database());
    }
}
