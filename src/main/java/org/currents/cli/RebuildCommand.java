package org.currents.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.currents.history.ImportSummary;
import org.currents.history.Rebuilder;
import org.currents.relate.ContextIndexer;
import org.currents.store.ArchiveStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code currents rebuild}: follow every event again from scratch. */
@Command(
        name = "rebuild",
        header = "Follow every event again from scratch from the stored revisions.",
        mixinStandardHelpOptions = true,
        description = "Recompute every event history (identities, versions, reverts, moves) from the events "
                + "stored for each revision. Imports never do this on their own; run it after revisions "
                + "arrived out of order in a later import (import says so) or after upgrading currents.")
final class RebuildCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DbOption db;

    @Mixin
    WriterFlags writer;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Progress progress = new Progress(err);
        ImportSummary s;
        AtomicBoolean stop = new AtomicBoolean();
        try (DbOption.Writing writing = db.openExistingForHistories(err, "currents rebuild", writer.waits());
                Interruption signal = Interruption.onSignal(() -> stop.set(true))) {
            ArchiveStore store = writing.store();
            // one transaction: readers see the old histories until the new ones are complete,
            // and an interrupted rebuild (Ctrl-C, kill -9, a full disk) leaves them as they were
            try {
                s = store.atomically("rebuild the histories", () -> {
                    store.writingStarted(); // rolled back with the rest when the rebuild stops
                    ImportSummary r = Rebuilder.rebuild(store, line -> progress.show(line, false), stop::get);
                    progress.step("rebuild: indexing contexts and related events", () -> ContextIndexer.refresh(store));
                    if (stop.get()) {
                        throw new Rebuilder.Stopped(); // the last chance before the commit
                    }
                    store.writingFinished();
                    return r;
                });
            } catch (Rebuilder.Stopped e) {
                // said before the signal handler lets the JVM end, which closing it does
                progress.done();
                err.println("currents: rebuild interrupted: nothing changed, the archive is as it was; run it again");
                err.flush();
                return Currents.FAILURE;
            }
        }
        progress.done();
        PrintWriter out = spec.commandLine().getOut();
        out.printf(
                java.util.Locale.ROOT,
                "rebuilt %s pages, %s revisions: %s events, %s versions, %s moved (%.1f s)%n",
                Progress.count(s.pages()),
                Progress.count(s.revisionsNew()),
                Progress.count(s.eventsCreated()),
                Progress.count(s.versionsAdded()),
                Progress.count(s.eventsMoved()),
                progress.seconds());
        out.flush();
        return Currents.OK;
    }
}
