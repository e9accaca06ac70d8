package org.currents.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.currents.source.api.MediaWikiApi;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code currents sync}: new revisions of day pages from a live wiki into the archive. */
@Command(
        name = "sync",
        header = "Fetch the day pages' new revisions from a MediaWiki API.",
        mixinStandardHelpOptions = true,
        description = "Fetch every revision of the day pages of a date range that the archive does not hold "
                + "yet from a MediaWiki API (English Wikipedia by default), oldest first, and import them "
                + "as 'import' does. Pages the wiki does not have are recorded as missing. Politely: one "
                + "request at a time, maxlag=5, backing off when told. Ctrl-C stops after the page being " + "written.")
final class SyncCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DbOption db;

    @Mixin
    WriterFlags writer;

    @Mixin
    ApiFlags apiFlags;

    @Mixin
    DayRange range;

    @Override
    public Integer call() throws IOException {
        LocalDate[] days = range.resolve(Clock.systemUTC());
        MediaWikiApi api = apiFlags.open();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        AtomicBoolean stop = new AtomicBoolean();
        // The signal handler waits for this block to end, summary included.
        try (Interruption ignored = Interruption.onSignal(() -> stop.set(true))) {
            SyncRun.Result r;
            try (DbOption.Writing writing = db.openForHistories(err, "currents sync", writer.waits())) {
                writing.started();
                r = SyncRun.run(writing.store(), api, days[0], days[1], err, stop::get);
                writing.finished();
            }
            out.println("sync " + days[0] + ".." + days[1] + " from " + api.api() + ": " + SyncRun.describe(r));
            for (String n : r.imported().notes()) {
                out.println("  note: " + n);
            }
            if (r.imported().failure() != null) {
                out.println("  stopped: " + r.imported().failure());
                out.println("  every page before that is committed; run sync again to go on");
            }
            out.flush();
            return r.imported().failure() == null ? Currents.OK : Currents.FAILURE;
        }
    }
}
