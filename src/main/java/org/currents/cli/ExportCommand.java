package org.currents.cli;

import java.io.IOException;
import java.util.concurrent.Callable;
import org.currents.publish.JsonExporter;
import org.currents.store.ArchiveStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code currents export --out FILE.jsonl}: every event with every version, as JSON Lines. */
@Command(
        name = "export",
        header = "Export every event with all its versions as JSON Lines.",
        mixinStandardHelpOptions = true,
        description = "Export every event as one JSON object per line: stable id, day (and days it moved "
                + "from), category, stories, contexts, status, and every version with its revision, time, "
                + "editor, edit summary, text and sources. See the README for the schema.")
final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DbOption db;

    @Option(
            names = "--out",
            paramLabel = "FILE",
            required = true,
            description = "Output file, or - for stdout. A file is replaced atomically (a symbolic link's target, "
                    + "the link kept); a FIFO or a device such as /dev/stdout is written into.")
    String out;

    @Override
    public Integer call() throws IOException {
        OutputTarget target = OutputTarget.of("--out", out, System.out);
        long n;
        // reading only: the writers keep contexts up to date, and say when they did not finish
        try (ArchiveStore store = db.openForReading(spec.commandLine().getErr())) {
            DbOption.refuseArchiveFile(db.db, "--out", out); // after the demo's fallback chose the file
            n = target.write(os -> JsonExporter.export(store, os));
        }
        spec.commandLine()
                .getErr()
                .println("exported " + Progress.count(n) + " events" + (target.isStdout() ? "" : " to " + out));
        spec.commandLine().getErr().flush();
        return Currents.OK;
    }
}
