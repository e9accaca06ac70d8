package org.currents.store.postgres;

import java.nio.file.Path;
import org.currents.store.ArchiveStore;
import org.currents.store.Stores;
import org.currents.store.sqlite.SqliteSearchTest;
import org.currents.testing.Postgres;

/**
 * {@link SqliteSearchTest} on PostgreSQL: a word in nearly every version ranked by day alone, a
 * rarer word by rank, every page a slice of the window below the first page's ceiling.
 */
class PostgresSearchWindowTest extends SqliteSearchTest {
    private Postgres server;

    @Override
    protected ArchiveStore open(Path dir) {
        server = Postgres.create(PostgresSearchWindowTest.class);
        return Stores.open(server.freshSchema());
    }

    @Override
    protected ArchiveStore openEmpty(Path dir) {
        return Stores.open(server.freshSchema());
    }

    @Override
    protected void close() {
        super.close(); // the store's connections first
        if (server != null) {
            server.close();
        }
    }
}
