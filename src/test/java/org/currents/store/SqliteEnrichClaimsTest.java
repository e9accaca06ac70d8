package org.currents.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** {@link EnrichClaimsContract} on a real SQLite archive file, its tables made by migration V6. */
class SqliteEnrichClaimsTest extends EnrichClaimsContract {
    @TempDir
    Path dir;

    @Override
    protected EnrichClaims openFresh() {
        return openAnother();
    }

    @Override
    protected EnrichClaims openAnother() {
        try (ArchiveStore store = Stores.open(dir.resolve("archive.db").toString())) {
            // the claims keep a connection of their own after the store is closed
            return store.enrichClaims();
        }
    }
}
