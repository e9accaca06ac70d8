package org.currents.store.postgres;

import java.util.function.Consumer;
import org.currents.store.Access;
import org.currents.store.ArchiveStore;
import org.currents.store.StoreProvider;

/** PostgreSQL archives: {@code postgresql://} (libpq) and {@code jdbc:postgresql:} URLs. */
public final class PostgresStoreProvider implements StoreProvider {
    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public boolean accepts(String db) {
        return PostgresUrl.accepts(db);
    }

    @Override
    public ArchiveStore open(String db, Access access, Consumer<String> notices) {
        return PostgresStore.open(db, access, notices);
    }
}
