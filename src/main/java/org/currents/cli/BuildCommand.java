package org.currents.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.currents.publish.BuildSummary;
import org.currents.publish.SiteBuilder;
import org.currents.store.ArchiveStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code currents build --out DIR}: the Markdown archive. */
@Command(
        name = "build",
        header = "Write the Markdown archive: pages per event version and per day.",
        mixinStandardHelpOptions = true,
        description = {
            "Build the Markdown archive: one page per version of every event and one index page per day,",
            "under DIR/news/YYYY/MM/D/. Incremental: only changed pages are written, pages that no longer",
            "exist are deleted."
        })
final class BuildCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DbOption db;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            defaultValue = "site",
            converter = NonEmpty.FilePath.class,
            description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        BuildSummary s;
        Progress progress = new Progress(err);
        try (ArchiveStore store = db.openExisting()) {
            s = build(store, out, progress);
        }
        progress.done();
        print(spec.commandLine().getOut(), out, s, progress.seconds());
        return Currents.OK;
    }

    static BuildSummary build(ArchiveStore store, Path out, Progress progress) {
        return SiteBuilder.of(store, out)
                .build((day, done, total) ->
                        progress.show("build: " + done + " of " + total + " days (" + day + ")", done == total));
    }

    static void print(PrintWriter out, Path dir, BuildSummary s, double seconds) {
        out.printf(
                java.util.Locale.ROOT,
                "built %s: %s days, %s pages; %s written, %s unchanged, %s deleted (%.1f s)%n",
                dir,
                Progress.count(s.days()),
                Progress.count(s.pages()),
                Progress.count(s.written()),
                Progress.count(s.unchanged()),
                Progress.count(s.deleted()),
                seconds);
        out.flush();
    }
}
