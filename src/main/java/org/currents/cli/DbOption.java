package org.currents.cli;

import org.currents.store.ArchiveStore;
import org.currents.store.Stores;
import picocli.CommandLine.Option;

/** The {@code --db} option every command takes. */
final class DbOption {
    @Option(
            names = "--db",
            paramLabel = "PATH|JDBC-URL",
            defaultValue = "currents.db",
            description =
                    "The archive: a SQLite file or a jdbc:sqlite:/jdbc:postgresql: URL (default: ${DEFAULT-VALUE}).")
    String db;

    ArchiveStore open() {
        return Stores.open(db);
    }
}
