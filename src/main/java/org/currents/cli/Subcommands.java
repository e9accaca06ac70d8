package org.currents.cli;

import java.util.List;

/** Every subcommand of {@code currents}, in the order {@code --help} lists them. */
final class Subcommands {
    private Subcommands() {}

    static List<Object> all() {
        return List.of(
                new DemoCommand(),
                new ImportCommand(),
                new SyncCommand(),
                new WatchCommand(),
                new BuildCommand(),
                new ExportCommand(),
                new RebuildCommand(),
                new ParseCommand(),
                new StatsCommand());
    }
}
