package org.currents.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.currents.store.ArchiveStore;
import org.currents.store.StoreException;
import org.currents.store.Stores;
import picocli.CommandLine.Option;

/** The {@code --db} option every command takes. */
final class DbOption {
    @Option(
            names = "--db",
            paramLabel = "PATH|JDBC-URL",
            defaultValue = "currents.db",
            converter = NonEmpty.Text.class,
            description =
                    "The archive: a SQLite file or a jdbc:sqlite:/jdbc:postgresql: URL (default: ${DEFAULT-VALUE}).")
    String db;

    /** Opens the archive, creating it when it does not exist (for {@code import}). */
    ArchiveStore open() {
        return Stores.open(db);
    }

    /**
     * Opens an archive that must exist: a command that only reads or rebuilds it would
     * otherwise create an empty one at a mistyped path and report on that.
     */
    ArchiveStore openExisting() {
        if (!db.startsWith("jdbc:")) {
            Path p = Path.of(db).toAbsolutePath();
            if (Files.isDirectory(p.getParent()) && !Files.exists(p)) {
                throw new StoreException("open archive " + db + ": no such file (currents import creates it)", null);
            }
        }
        return Stores.open(db);
    }
}
