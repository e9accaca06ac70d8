package org.currents.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.currents.publish.BuildSummary;
import org.currents.publish.SiteBuilder;
import org.currents.source.api.MediaWikiApi;
import org.currents.store.ArchiveStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code currents watch}: sync the last days again and again, keeping the archive current. */
@Command(
        name = "watch",
        header = "Sync the last days again and again, keeping the archive current.",
        mixinStandardHelpOptions = true,
        description = "Sync the last N days (default 14) from a MediaWiki API every --every (default 10m), "
                + "until stopped. A cycle in which no page changed costs one request and downloads no "
                + "content. With --out, the site (as 'build' writes it) is rebuilt where it changed. "
                + "SIGTERM or Ctrl-C stops cleanly between steps: after the page being written, or at "
                + "once while waiting.")
final class WatchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DbOption db;

    @Mixin
    WriterFlags writer;

    @Mixin
    ApiFlags apiFlags;

    @Option(
            names = "--every",
            paramLabel = "DURATION",
            defaultValue = "10m",
            converter = DurationConverter.class,
            description = "Time from the start of one cycle to the next: 90s, 10m, 1h, 1h30m (1s..30d; default:"
                    + " ${DEFAULT-VALUE}).")
    @Range(min = "1s", max = "30d")
    Duration every;

    @Option(
            names = "--days",
            paramLabel = "N",
            defaultValue = "14",
            description = "How many days, today (UTC) included, each cycle syncs (1.." + DayRange.MAX_DAYS
                    + "; default: ${DEFAULT-VALUE}).")
    @Range(min = "1", max = DayRange.MAX_DAYS)
    int days;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            converter = NonEmpty.FilePath.class,
            description = "Also keep the site in DIR current: build it (incrementally, as 'build' does) after the "
                    + "first cycle and after every cycle that brought new revisions.")
    Path site;

    @Mixin
    SiteFlags siteFlags;

    @Option(
            names = "--serve",
            description =
                    "Also serve the archive (as 'serve' does, on --port) while watching: the site follows the wiki"
                            + " within one cycle.")
    boolean serveToo;

    @picocli.CommandLine.Mixin
    ServeFlags serveFlags;

    @Option(
            names = "--cycles",
            paramLabel = "N",
            description = "Stop after N cycles (1..2147483647; default: run until stopped).")
    @Range(min = "1", max = "2147483647")
    Integer cycles;

    private final CountDownLatch stop = new CountDownLatch(1);

    @Override
    public Integer call() throws IOException, InterruptedException {
        Duration period = every;
        if (site != null) {
            siteFlags.check(site);
        }
        MediaWikiApi api = apiFlags.open();
        PrintWriter out = spec.commandLine().getOut();
        boolean failed = false;
        try (Interruption ignored = Interruption.onSignal(stop::countDown);
                ArchiveStore store = db.open(spec.commandLine().getErr());
                ServeFlags.Running running =
                        serveToo ? serveFlags.start(db.db, spec.commandLine().getErr()) : null) {
            if (running != null) {
                out.println("serving " + store.describe() + " at " + running.url());
                out.flush();
            }
            for (int cycle = 1; cycles == null || cycle <= cycles; cycle++) {
                Instant started = Instant.now();
                LocalDate today = LocalDate.now(Clock.systemUTC());
                SyncRun.Result r;
                // the writer lock for the sync only: imports may run between cycles
                try (ArchiveStore.Lock lock = store.lockForWriting("currents watch", writer.waits())) {
                    store.writingStarted();
                    r = SyncRun.run(store, api, today.minusDays(days - 1L), today, null, this::stopping);
                    store.writingFinished();
                }
                out.println(started.truncatedTo(ChronoUnit.SECONDS) + " cycle " + cycle + ": " + SyncRun.describe(r));
                if (r.imported().failure() != null) {
                    // a wiki that is down now may be back next cycle: say so and go on
                    out.println("  stopped: " + r.imported().failure());
                    failed = true;
                }
                if (site != null && (cycle == 1 || r.changed()) && !stopping()) {
                    Instant buildStart = Instant.now();
                    BuildSummary b = SiteFlags.build(siteFlags.builder(store, site), SiteBuilder.quiet());
                    SiteFlags.problems(spec.commandLine().getErr(), b);
                    BuildCommand.print(
                            out,
                            site,
                            b,
                            Duration.between(buildStart, Instant.now()).toMillis() / 1e3);
                }
                out.flush();
                if (stopping() || (cycles != null && cycle == cycles)) {
                    break;
                }
                Duration wait = period.minus(Duration.between(started, Instant.now()));
                if (!wait.isNegative() && stop.await(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                    break;
                }
            }
            out.println(stopping() ? "watch stopped" : "watch done");
            out.flush();
        }
        return failed ? Currents.FAILURE : Currents.OK;
    }

    private boolean stopping() {
        return stop.getCount() == 0;
    }
}
