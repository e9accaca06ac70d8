package org.currents.cli;

import java.util.List;
import org.currents.store.Access;
import org.currents.store.Stores;

/** Every subcommand of {@code currents}, in the order {@code --help} lists them. */
final class Subcommands {
    private Subcommands() {}

    static List<Object> all() {
        return List.of(
                new DemoCommand(),
                new ImportCommand(),
                new SyncCommand(),
                new WatchCommand(),
                new EnrichCommand((db, notices) -> {
                    DbOption.refuseMissing(db); // enrich adds to an archive, it does not start one
                    return Stores.open(db, Access.WRITE, notices);
                }),
                new BuildCommand(),
                new ServeCommand(),
                new ExportCommand(),
                new RebuildCommand(),
                new MigrateCommand(),
                new MetaCommand(),
                new ParseCommand(),
                new StatsCommand());
    }
}
