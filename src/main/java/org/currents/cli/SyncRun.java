package org.currents.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.currents.history.ImportListener;
import org.currents.history.ImportSummary;
import org.currents.history.Importer;
import org.currents.model.WikiPage;
import org.currents.relate.ContextIndexer;
import org.currents.source.RevisionSink;
import org.currents.source.RevisionSource;
import org.currents.source.SourceException;
import org.currents.source.api.ApiException;
import org.currents.source.api.ApiRevisionSource;
import org.currents.source.api.ApiStats;
import org.currents.source.api.DayObserver;
import org.currents.source.api.MediaWikiApi;
import org.currents.source.api.ReadSummary;
import org.currents.store.ArchiveStore;
import org.currents.store.StoredPage;

/**
 * One sync of a range of days, shared by {@code sync} and {@code watch}: the API source into the
 * importer (the same code path as {@code import}), pages the wiki lacks marked missing, contexts
 * refreshed, and what happened summed up.
 */
final class SyncRun {
    private SyncRun() {}

    /**
     * What one sync did.
     *
     * @param read what the source found (days, missing, unchanged, changed pages)
     * @param imported what the importer did with it
     * @param requests requests sent to the API, retries included
     */
    record Result(ReadSummary read, ImportSummary imported, long requests) {
        boolean changed() {
            return imported.revisionsNew() > 0;
        }
    }

    /**
     * Syncs {@code from..to} into {@code store}.
     *
     * @param days where per-day progress goes; null for none
     * @param stop asked between pages; when true the run ends after the page it is on
     */
    static Result run(
            ArchiveStore store, MediaWikiApi api, LocalDate from, LocalDate to, PrintWriter days, BooleanSupplier stop)
            throws IOException {
        Map<String, Long> newest = new HashMap<>();
        for (StoredPage p : store.pages()) {
            newest.put(p.title(), p.newestRevisionId());
        }
        ApiStats before = api.stats();
        ApiRevisionSource source = ApiRevisionSource.newBuilder(api)
                .days(from, to)
                .known(title -> newest.getOrDefault(title, 0L))
                .observer(new DayReport(store, days))
                .stopRequested(stop)
                .build();
        Importer importer = Importer.into(store, Importer.Options.defaults(), new ImportListener() {});
        ImportSummary imported = importer.run(failuresAsSourceErrors(source));
        resolveRedirects(store, api);
        ContextIndexer.refresh(store);
        return new Result(source.summary(), imported, api.stats().minus(before).requests());
    }

    /**
     * Resolves the redirects of the titles the next context refresh will index, those not in the
     * cache yet, so that {@code [[Trump]]} and {@code [[Donald Trump]]} become one context.
     */
    static void resolveRedirects(ArchiveStore store, MediaWikiApi api) throws IOException {
        java.util.Set<String> titles = new java.util.LinkedHashSet<>(ContextIndexer.pendingTitles(store));
        titles.removeAll(store.redirectTargets(titles).keySet());
        if (!titles.isEmpty()) {
            store.saveRedirects(api.resolveRedirects(titles), java.time.Instant.now());
        }
    }

    /**
     * The importer reports a broken source as its summary's failure, after keeping what came
     * before and looking for moved events; an API that gave up is such a failure here.
     */
    private static RevisionSource failuresAsSourceErrors(ApiRevisionSource source) {
        return new RevisionSource() {
            @Override
            public void readInto(RevisionSink sink) throws IOException {
                try {
                    source.readInto(sink);
                } catch (ApiException e) {
                    throw new SourceException(e.getMessage(), e);
                }
            }

            @Override
            public String describe() {
                return source.describe();
            }
        };
    }

    /** Per-day progress lines, and pages the wiki lacks recorded as missing. */
    private static final class DayReport implements DayObserver {
        private final ArchiveStore store;
        private final PrintWriter out;

        DayReport(ArchiveStore store, PrintWriter out) {
            this.store = store;
            this.out = out;
        }

        @Override
        public void missing(WikiPage page) {
            store.markMissing(page);
            say(page.day() + ": no such page on the wiki");
        }

        @Override
        public void unchanged(WikiPage page, long newestKnown) {
            say(page.day() + ": up to date");
        }

        @Override
        public void fetched(WikiPage page, int revisions, long requests) {
            say(String.format(
                    Locale.ROOT,
                    "%s: %s new revision%s (%d request%s)",
                    page.day(),
                    Progress.count(revisions),
                    revisions == 1 ? "" : "s",
                    requests,
                    requests == 1 ? "" : "s"));
        }

        private void say(String line) {
            if (out != null) {
                out.println(line);
                out.flush();
            }
        }
    }

    /** One line for the user: what the sync did. */
    static String describe(Result r) {
        ReadSummary s = r.read();
        ImportSummary i = r.imported();
        return String.format(
                Locale.ROOT,
                "%d days (%d missing, %d up to date, %d changed); %s new revisions; %s new events, %s updates,"
                        + " %s moved; %d requests",
                s.days(),
                s.missing(),
                s.unchanged(),
                s.fetched(),
                Progress.count(i.revisionsNew()),
                Progress.count(i.eventsCreated()),
                Progress.count(Math.max(0, i.versionsAdded() - i.eventsCreated())),
                Progress.count(i.eventsMoved()),
                r.requests());
    }
}
