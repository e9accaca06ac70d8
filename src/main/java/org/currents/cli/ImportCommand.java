package org.currents.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.currents.history.ImportListener;
import org.currents.history.ImportSummary;
import org.currents.history.Importer;
import org.currents.relate.ContextIndexer;
import org.currents.source.dump.DumpReader;
import org.currents.store.ArchiveStore;
import org.currents.wikitext.DayPageParser;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code currents import FILE...}: MediaWiki exports and dumps into the archive. */
@Command(
        name = "import",
        header = "Import MediaWiki XML exports or dumps into the archive.",
        mixinStandardHelpOptions = true,
        description = "Read MediaWiki XML exports or dumps (plain, .gz or .bz2) into the archive: every "
                + "revision of every Current events day page, parsed, with its events followed across "
                + "revisions. Re-importing adds nothing; a newer file adds only newer revisions. Ctrl-C "
                + "stops after the page being written; what was committed stays.")
final class ImportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DbOption db;

    @Mixin
    WriterFlags writer;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "XML export or dump files.")
    List<Path> files;

    @Option(
            names = "--keep-wikitext",
            description = "Also store each revision's full wikitext (default: only its SHA-1).")
    boolean keepWikitext;

    @Override
    public Integer call() throws IOException {
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                throw new UsageException("no such file: " + f);
            }
        }
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        boolean failed = false;
        List<String> failures = new ArrayList<>();
        AtomicReference<Importer> running = new AtomicReference<>();
        AtomicBoolean stopped = new AtomicBoolean();
        // the signal handler waits until this block is done, so that the summary gets printed
        // the lock first: waiting for another writer ends at once on Ctrl-C, nothing being done yet
        try (DbOption.Writing writing = db.openForHistories(err, "currents import", writer.waits());
                Interruption signal = Interruption.onSignal(() -> {
                    stopped.set(true);
                    Importer i = running.get();
                    if (i != null) {
                        i.requestStop();
                    }
                })) {
            ArchiveStore store = writing.store();
            writing.started();
            boolean deferred = bulk(store);
            if (deferred) {
                store.deferSearch(); // built in one statement by writing.finished()
            }
            for (Path f : files) {
                if (stopped.get()) {
                    out.println(f + ": not imported (interrupted)");
                    failed = true;
                    continue;
                }
                ImportSummary s;
                try {
                    s = importFile(store, f, err, keepWikitext, running, stopped);
                } catch (IOException e) {
                    // one file that cannot be read at all must not keep the others out
                    failed = true;
                    out.println(f + ": not imported: " + Failures.reason(e));
                    out.flush();
                    failures.add("currents: " + f + ": " + Failures.reason(e));
                    continue;
                }
                print(out, f, s);
                if (s.failure() != null) {
                    failed = true;
                    failures.add("currents: " + s.failure());
                }
            }
            // also when interrupted: what was committed is whole, and its contexts are quick to index
            try {
                Progress closing = new Progress(err);
                closing.step("import: indexing contexts and related events", () -> ContextIndexer.refresh(store));
                if (deferred) {
                    closing.step("import: building the search index", () -> {
                        writing.finished();
                        return null;
                    });
                } else {
                    writing.finished();
                }
                closing.done();
            } finally {
                // what went wrong is said last, after the closing steps' progress
                failures.forEach(err::println);
                err.flush();
            }
        }
        return failed ? Currents.FAILURE : Currents.OK;
    }

    /**
     * True for an import into an archive without events yet: then adding the search rows at the
     * end (one statement) is cheaper than one by one (6-8 s of the writing thread's CPU on the
     * large preset), and nobody loses a search meanwhile (an archive being filled for the first
     * time has nothing whole to search). An import into an archive that already has events
     * keeps its search index current commit by commit, as a live archive's readers expect.
     */
    static boolean bulk(ArchiveStore store) {
        return store.changeSequence() == 0;
    }

    /** Imports one file with progress on {@code err}; {@code running} holds the importer meanwhile. */
    static ImportSummary importFile(
            ArchiveStore store,
            Path file,
            PrintWriter err,
            boolean keepWikitext,
            AtomicReference<Importer> running,
            AtomicBoolean stopped)
            throws IOException {
        Progress progress = new Progress(err);
        Importer importer = Importer.into(
                store,
                new Importer.Options(keepWikitext, DayPageParser.Settings.defaults()).withReadAhead(),
                listener(progress, file));
        running.set(importer);
        if (stopped.get()) {
            importer.requestStop();
        }
        try {
            return importer.run(DumpReader.of(file));
        } finally {
            running.set(null);
            progress.done();
        }
    }

    private static ImportListener listener(Progress progress, Path file) {
        return new ImportListener() {
            @Override
            public void pageDone(ImportSummary so, long read, long total) {
                progress.show(line(so, read, total), false);
            }

            @Override
            public void bytesRead(long read, long total) {
                progress.show(file.getFileName() + ": " + percent(read, total), false);
            }

            @Override
            public void step(String what) {
                progress.show(file.getFileName() + ": " + what + " ...", true);
            }

            private String line(ImportSummary so, long read, long total) {
                double secs = Math.max(progress.seconds(), 1e-3);
                return String.format(
                        Locale.ROOT,
                        "%s: %s  %s pages, %s revisions, %s events  (%.1f MB/s)",
                        file.getFileName(),
                        percent(read, total),
                        Progress.count(so.pages()),
                        Progress.count(so.revisionsNew()),
                        Progress.count(so.eventsObserved()),
                        read / 1e6 / secs);
            }
        };
    }

    private static String percent(long read, long total) {
        if (total <= 0) {
            return Progress.mb(read);
        }
        return String.format(Locale.ROOT, "%s of %s (%d%%)", Progress.mb(read), Progress.mb(total), read * 100 / total);
    }

    static void print(PrintWriter out, Path file, ImportSummary s) {
        out.printf(
                Locale.ROOT,
                "%s: %s day pages; revisions: %s new, %s already known%s; %s events observed, %s parse problems;"
                        + " %s new events, %s versions, %s moved; %s other pages skipped%s%n",
                file,
                Progress.count(s.pages()),
                Progress.count(s.revisionsNew()),
                Progress.count(s.revisionsKnown()),
                s.revisionsDuplicate() > 0 ? ", " + Progress.count(s.revisionsDuplicate()) + " duplicate" : "",
                Progress.count(s.eventsObserved()),
                Progress.count(s.problems()),
                Progress.count(s.eventsCreated()),
                Progress.count(s.versionsAdded()),
                Progress.count(s.eventsMoved()),
                Progress.count(s.skippedPages()),
                s.refusedTitles() > 0
                        ? " (" + Progress.count(s.refusedTitles()) + " with a day in a title that is not a day page's)"
                        : "");
        for (String n : s.notes()) {
            out.println("  note: " + n);
        }
        if (s.pages() == 0 && s.failure() == null) {
            out.printf(
                    Locale.ROOT,
                    "  note: no Current events day page in this file (%s other pages): nothing imported;"
                            + " is it an export of another wiki?%n",
                    Progress.count(s.skippedPages()));
        }
        if (s.failure() != null) {
            out.println("  stopped: " + s.failure());
            out.println(
                    s.failure().equals("interrupted")
                            ? "  everything read before the interruption is committed; import the file again to go on"
                            : "  everything before the page that broke is committed; fix the file and import again to go on");
        }
        out.flush();
    }
}
