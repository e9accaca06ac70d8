package org.currents.cli;

import java.util.List;
import org.currents.store.Access;
import org.currents.store.Stores;

/** Every subcommand of {@code currents}, in the order {@code --help} lists them. */
final class Subcommands {
    /** The subcommands' names, as their {@code @Command} says them, in the order of {@code --help}. */
    static final List<String> NAMES = List.of(
            "demo", "import", "sync", "watch", "enrich", "build", "serve", "export", "rebuild", "migrate", "meta",
            "parse", "stats");

    private Subcommands() {}

    static List<Object> all() {
        return NAMES.stream().map(Subcommands::named).toList();
    }

    /** A new subcommand named {@code name}, or null when no subcommand is so named. */
    static Object named(String name) {
        return switch (name) {
            case "demo" -> new DemoCommand();
            case "import" -> new ImportCommand();
            case "sync" -> new SyncCommand();
            case "watch" -> new WatchCommand();
            case "enrich" ->
                new EnrichCommand((db, notices) -> {
                    DbOption.refuseMissing(db); // enrich adds to an archive, it does not start one
                    return Stores.open(db, Access.WRITE, notices);
                });
            case "build" -> new BuildCommand();
            case "serve" -> new ServeCommand();
            case "export" -> new ExportCommand();
            case "rebuild" -> new RebuildCommand();
            case "migrate" -> new MigrateCommand();
            case "meta" -> new MetaCommand();
            case "parse" -> new ParseCommand();
            case "stats" -> new StatsCommand();
            default -> null;
        };
    }
}
