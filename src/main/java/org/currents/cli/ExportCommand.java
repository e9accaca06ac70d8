package org.currents.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
        mixinStandardHelpOptions = true,
        description = {
            "Export every event as one JSON object per line: stable id, day (and days it moved from),",
            "category, stories, contexts, status, and every version with its revision, time, editor,",
            "edit summary, text and sources. See the README for the schema."
        })
final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DbOption db;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "Output file, or - for stdout.")
    String out;

    @Override
    public Integer call() throws IOException {
        long n;
        // reading only: the writers keep contexts up to date, and say when they did not finish
        try (ArchiveStore store = db.openForReading(spec.commandLine().getErr())) {
            if (out.equals("-")) {
                OutputStream stdout = new BufferedOutputStream(System.out);
                n = JsonExporter.export(store, stdout);
                stdout.flush();
            } else {
                Path target = Path.of(out);
                Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
                try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(tmp))) {
                    n = JsonExporter.export(store, os);
                } catch (IOException e) {
                    Files.deleteIfExists(tmp);
                    throw new java.io.UncheckedIOException("cannot write " + target, e);
                } catch (java.io.UncheckedIOException e) {
                    Files.deleteIfExists(tmp);
                    throw new java.io.UncheckedIOException("cannot write " + target, e.getCause());
                }
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        spec.commandLine()
                .getErr()
                .println("exported " + Progress.count(n) + " events" + (out.equals("-") ? "" : " to " + out));
        spec.commandLine().getErr().flush();
        return Currents.OK;
    }
}
