package org.currents.cli;

import picocli.CommandLine.Option;

/** The option of the commands that follow histories ({@code import}, {@code sync}, {@code watch}, {@code rebuild}). */
final class WriterFlags {
    @Option(
            names = "--no-wait",
            description = "Fail at once when another writer holds the archive, instead of waiting for it"
                    + " (one writer at a time).")
    boolean noWait;

    /** Whether to wait for another writer. */
    boolean waits() {
        return !noWait;
    }
}
