package org.currents.history;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.currents.model.Revision;
import org.currents.model.WikiPage;
import org.currents.source.DayPageTitle;
import org.currents.source.RevisionSink;
import org.currents.source.RevisionSource;
import org.currents.store.ArchiveStore;
import org.currents.store.PageUpdate;
import org.currents.wikitext.DayPageParser;
import org.currents.wikitext.ParseResult;

/**
 * The one code path from any {@link RevisionSource} into the archive: parses each new revision,
 * follows its events ({@link VersionTracker}) and commits each day page as one transaction, then
 * finds events moved between day pages ({@link MoveDetector}).
 *
 * <p>Re-importing adds nothing; a later file adds only newer revisions. When the source fails
 * in the middle of a page, that page is dropped whole and everything committed before stays.
 *
 * <p>With {@link Options#withReadAhead()} the source is read and parsed on a second thread
 * ({@link ReadAhead}) while this one tracks and commits, in the same order and with the same
 * transactions; the store is only ever used on the thread that called {@link #run}.
 */
public final class Importer implements RevisionSink {
    /** The change sequence up to which moves between pages were looked for. */
    static final String MOVES_MARK = "moves";
    /** The mark holding the archive's random id (see {@code publish.SiteBuilder}). */
    public static final String ARCHIVE_ID_MARK = "archive-id";

    /** Notes kept for the summary; more are counted only. */
    static final int MAX_NOTES = 50;

    /**
     * How to import.
     *
     * @param keepWikitext store each revision's full wikitext (default off; SHA-1 is always kept)
     * @param parserSettings the parser's limits
     * @param readAhead read and parse on a second thread while this one tracks versions and
     *     writes the store (default off); only for sources that do not use the store while
     *     reading, such as {@code DumpReader}: the store is not safe for two threads
     */
    public record Options(boolean keepWikitext, DayPageParser.Settings parserSettings, boolean readAhead) {
        public Options {
            Objects.requireNonNull(parserSettings, "parserSettings");
        }

        /** Options that read and parse on the calling thread. */
        public Options(boolean keepWikitext, DayPageParser.Settings parserSettings) {
            this(keepWikitext, parserSettings, false);
        }

        /** No wikitext kept, default parser limits, one thread. */
        public static Options defaults() {
            return new Options(false, DayPageParser.Settings.defaults());
        }

        /** These options, reading and parsing on a second thread. */
        public Options withReadAhead() {
            return new Options(keepWikitext, parserSettings, true);
        }
    }

    private final ArchiveStore store;
    private final Options options;
    private final ImportListener listener;
    private final DayPageParser parser;
    private final AtomicBoolean stop = new AtomicBoolean();

    /**
     * Pages are committed in groups of about this many observations (or {@link #GROUP_PAGES}
     * pages, or every {@link #GROUP_NANOS}), one transaction each: per-page commits made the
     * database write its random-keyed indexes once per page, half of the import's time. An
     * insert into a random-keyed table (events, versions, citations, bullets) dirties a leaf of
     * its own, so the fewer the transactions the fewer times each leaf is written: the bounds
     * are high (20,000 observations and 50 pages until issue 10) and the time bound, what a
     * kill -9 may lose, decides on a fast machine (bench/import.md).
     */
    static final int GROUP_OBSERVATIONS = 200_000;

    static final int GROUP_PAGES = 500;
    static final long GROUP_NANOS = 2_000_000_000L;

    private final List<PageUpdate> pending = new ArrayList<>();
    private final Set<Long> pendingPages = new HashSet<>();
    private int pendingObservations;
    private long lastFlush = System.nanoTime();
    private Batch batch;
    private long bytesRead;
    private long bytesTotal = -1;
    private final Set<Long> seenThisRun = new HashSet<>();
    private final List<String> notes = new ArrayList<>();
    private int pages;
    private long revisionsNew;
    private long revisionsKnown;
    private long revisionsDuplicate;
    private long eventsObserved;
    private long problems;
    private long eventsCreated;
    private long versionsAdded;
    private long skippedPages;
    private long refusedTitles;

    private Importer(ArchiveStore store, Options options, ImportListener listener) {
        this.store = Objects.requireNonNull(store, "store");
        this.options = Objects.requireNonNull(options, "options");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.parser = DayPageParser.of(options.parserSettings());
    }

    /** An importer into {@code store}. */
    public static Importer into(ArchiveStore store, Options options, ImportListener listener) {
        return new Importer(store, options, listener);
    }

    /**
     * Asks a running import to stop after the page it is on; {@link #run} then returns normally
     * with a summary whose failure says it was interrupted. Safe to call from another thread.
     */
    public void requestStop() {
        stop.set(true);
    }

    /** The exception that ends a read when {@link #requestStop} was called. */
    static final class Stopped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stopped() {
            super("interrupted", null, false, false);
        }
    }

    /**
     * Reads everything {@code source} has into the archive.
     *
     * @return what was done, including why it stopped early when it did
     * @throws IOException never for broken input (that is the summary's {@code failure}); only
     *     when the source cannot be read at all is the exception passed on
     */
    public ImportSummary run(RevisionSource source) throws IOException {
        markArchive();
        String failure = null;
        try {
            if (options.readAhead()) {
                takeFrom(ReadAhead.start(source, parser, options.keepWikitext(), stop::get));
            } else {
                source.readInto(this);
            }
        } catch (Stopped e) {
            failure = "interrupted";
        } catch (org.currents.source.SourceException e) {
            failure = e.getMessage();
        } finally {
            flush();
            if (batch != null) {
                note("page \"" + batch.page.title() + "\" not imported: "
                        + (stop.get() ? "interrupted" : "the input broke inside it"));
                if (batch.known.isEmpty()) {
                    store.deletePageIfEmpty(batch.pageId); // leave no trace of a page never committed
                }
                batch = null;
            }
        }
        // moves are looked for among everything changed since the last look, which a killed
        // run may have left undone: the mark only advances once the look is complete
        long seq = store.changeSequence();
        listener.step("looking for events moved between days");
        long moved = new MoveDetector(store).detect(store.mark(MOVES_MARK) + 1);
        store.setMark(MOVES_MARK, seq);
        return summary(failure, moved);
    }

    /**
     * Gives the archive a random id on its first import, so that a build can tell one archive's
     * site from another's. Here, on the write path, because a build must work on a read-only
     * archive and never writes to the store.
     */
    private void markArchive() {
        if (store.mark(ARCHIVE_ID_MARK) == 0) {
            long id = new java.security.SecureRandom().nextLong() & Long.MAX_VALUE;
            store.setMark(ARCHIVE_ID_MARK, id == 0 ? 1 : id);
        }
    }

    /**
     * The writing half of a two-thread import: takes the pages {@code ahead} read and parsed, in
     * input order, and tracks and commits them as {@link #endPage} does. Ends as the sequential
     * import would: normally, with the reader's exception, or with {@link Stopped}.
     */
    private void takeFrom(ReadAhead ahead) throws IOException {
        try {
            for (; ; ) {
                Object m;
                try {
                    m = ahead.next();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new Stopped();
                }
                if (m instanceof ReadAhead.Begin b) {
                    open(b.page()); // the reader has its own parser: this thread leaves it alone
                    b.known().complete(batch.known);
                } else if (m instanceof ReadAhead.Parsed p) {
                    if (wanted(p.revision())) {
                        if (p.result() == null) {
                            throw new IllegalStateException("revision "
                                    + p.revision().id() + " was not parsed, but the archive does not hold it");
                        }
                        batch.revisions.put(p.revision().id(), new Parsed(p.revision(), p.result(), p.keys()));
                    }
                } else if (m instanceof ReadAhead.End) {
                    endPage();
                } else if (m instanceof ReadAhead.Skipped s) {
                    skippedPage(s.title());
                } else if (m instanceof ReadAhead.Progress p) {
                    progress(p.read(), p.total());
                } else if (m instanceof ReadAhead.Done d) {
                    if (d.error() == null) {
                        return;
                    }
                    if (ReadAhead.isStop(d.error())) {
                        throw new Stopped();
                    }
                    ReadAhead.rethrow(d.error());
                } else {
                    throw new IllegalStateException("unknown message from the reader: " + m);
                }
            }
        } finally {
            ahead.close();
        }
    }

    private ImportSummary summary(String failure, long moved) {
        return new ImportSummary(
                pages,
                revisionsNew,
                revisionsKnown,
                revisionsDuplicate,
                eventsObserved,
                problems,
                eventsCreated,
                versionsAdded,
                moved,
                skippedPages,
                refusedTitles,
                notes,
                failure);
    }

    private void note(String note) {
        if (notes.size() < MAX_NOTES) {
            notes.add(note);
        } else if (notes.size() == MAX_NOTES) {
            notes.add("... more notes not shown");
        }
    }

    // ---- the sink

    /** One page's new revisions, parsed as they arrive so that their text can be dropped. */
    private static final class Batch {
        final WikiPage page;
        final long pageId;
        final Set<Long> known;
        final Map<Long, Parsed> revisions = new LinkedHashMap<>();

        Batch(WikiPage page, long pageId, Set<Long> known) {
            this.page = page;
            this.pageId = pageId;
            this.known = known;
        }
    }

    /** A parsed revision; {@code keys} are its events' bullet keys when already computed, or null. */
    private record Parsed(Revision revision, ParseResult result, String[] keys) {}

    @Override
    public void beginPage(WikiPage page) {
        open(page);
        parser.forgetLines();
    }

    /** Starts {@code page}'s batch with the revisions the archive holds of it. */
    private void open(WikiPage page) {
        if (stop.get()) {
            throw new Stopped();
        }
        long id = store.page(page);
        batch = new Batch(page, id, store.revisionIds(id));
    }

    @Override
    public void revision(Revision r) {
        if (!wanted(r)) {
            return;
        }
        ParseResult result = r.textHidden() ? new ParseResult(List.of(), List.of(), 0) : parser.parse(r.text());
        Revision kept = options.keepWikitext() ? r : r.withoutText();
        batch.revisions.put(r.id(), new Parsed(kept, result, null));
    }

    /** Whether {@code r} is new to the archive and to this run; counts it when not. */
    private boolean wanted(Revision r) {
        Batch b = batch;
        if (b.known.contains(r.id())) {
            revisionsKnown++;
            return false;
        }
        if (b.revisions.containsKey(r.id()) || !seenThisRun.add(r.id())) {
            revisionsDuplicate++;
            note("revision " + r.id() + " appears twice in the input: the second copy is ignored");
            return false;
        }
        return true;
    }

    @Override
    public void endPage() {
        Batch b = batch;
        if (b.revisions.isEmpty()) {
            batch = null;
            pages++;
            return;
        }
        if (stop.get()) {
            throw new Stopped(); // not committed: the page is read again next time
        }
        Map<Long, Long> elsewhere = store.knownRevisions(b.revisions.keySet());
        List<Parsed> fresh = new ArrayList<>();
        for (Parsed p : b.revisions.values()) {
            Long page = elsewhere.get(p.revision.id());
            if (page == null) {
                fresh.add(p);
            } else if (page == b.pageId) {
                revisionsKnown++;
            } else {
                revisionsDuplicate++;
                note("revision " + p.revision.id() + " of \"" + b.page.title()
                        + "\" already belongs to another page in the archive: ignored");
            }
        }
        // dumps list revisions oldest first, but nothing guarantees it: order by time, then id
        fresh.sort(Comparator.comparing((Parsed p) -> p.revision.timestamp()).thenComparingLong(p -> p.revision.id()));
        if (pendingPages.contains(b.pageId)) {
            flush(); // the page came twice: its state must include what is still pending
        }
        VersionTracker tracker = new VersionTracker(store.pageState(b.pageId));
        for (Parsed p : fresh) {
            tracker.add(
                    p.revision,
                    p.result.events(),
                    p.keys,
                    p.result.problems(),
                    p.result.problemCount(),
                    options.keepWikitext());
            eventsObserved += p.result.events().size();
            problems += p.result.problemCount();
        }
        PageUpdate update = tracker.update();
        pending.add(update);
        pendingPages.add(b.pageId);
        pendingObservations += update.observations().size();
        tracker.notes().forEach(n -> note(b.page.title() + ": " + n));
        revisionsNew += fresh.size();
        eventsCreated += tracker.createdEvents();
        versionsAdded += tracker.addedVersions();
        pages++;
        batch = null;
        if (pendingObservations >= GROUP_OBSERVATIONS
                || pending.size() >= GROUP_PAGES
                || System.nanoTime() - lastFlush >= GROUP_NANOS
                || stop.get()) {
            flush();
        }
        if (stop.get()) {
            throw new Stopped();
        }
    }

    /** Commits the pending pages as one transaction and reports progress. */
    private void flush() {
        if (!pending.isEmpty()) {
            store.commit(List.copyOf(pending));
            pending.clear();
            pendingPages.clear();
            pendingObservations = 0;
        }
        lastFlush = System.nanoTime();
        listener.pageDone(summary(null, 0), bytesRead, bytesTotal);
    }

    @Override
    public void skippedPage(String title) {
        skippedPages++;
        String problem = DayPageTitle.problem(title);
        if (problem != null) {
            refusedTitles++;
            note(problem + ": page skipped");
        }
    }

    @Override
    public void progress(long read, long total) {
        bytesRead = read;
        bytesTotal = total;
        listener.bytesRead(read, total);
    }
}
