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

/** {@code currents build --out DIR}: the Markdown archive and the HTML site. */
@Command(
        name = "build",
        header = "Build the site: the Markdown archive and the HTML site.",
        mixinStandardHelpOptions = true,
        description = "Build the site into DIR: the Markdown archive and the HTML site side by side (--format "
                + "for one): a page per version of every event, day pages, and for HTML the home page, "
                + "calendars, topics, Atom feeds and a sitemap. Incremental: after a small change only the "
                + "pages it reaches are drawn (--full plans the whole site), only changed pages are written, and "
                + "only pages an earlier build wrote are ever deleted. Reads the archive only.")
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

    @Mixin
    SiteFlags site;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        site.check(out);
        BuildSummary s;
        Progress progress = new Progress(err);
        try (ArchiveStore store = db.openForReading(err)) {
            s = build(site.builder(store, out), progress);
        }
        progress.done();
        SiteFlags.problems(err, s);
        print(spec.commandLine().getOut(), out, s, progress.seconds());
        return s.failed() == 0 ? Currents.OK : Currents.FAILURE;
    }

    static BuildSummary build(SiteBuilder builder, Progress progress) {
        return SiteFlags.build(builder, new SiteBuilder.Listener() {
            @Override
            public void day(java.time.LocalDate day, int done, int total) {
                progress.show("build: " + done + " of " + total + " days (" + day + ")", done == total);
            }

            @Override
            public void sitePages(String what, int done, int total) {
                progress.show("build: " + what + ": " + done + " of " + total, done == total);
            }
        });
    }

    static void print(PrintWriter out, Path dir, BuildSummary s, double seconds) {
        out.printf(
                java.util.Locale.ROOT,
                "built %s: %s days, %s pages; %s written, %s unchanged, %s deleted%s (%.1f s)%n",
                dir,
                Progress.count(s.days()),
                Progress.count(s.pages()),
                Progress.count(s.written()),
                Progress.count(s.unchanged()),
                Progress.count(s.deleted()),
                s.failed() == 0 ? "" : "; " + Progress.count(s.failed()) + " problems (on stderr)",
                seconds);
        out.flush();
    }
}
