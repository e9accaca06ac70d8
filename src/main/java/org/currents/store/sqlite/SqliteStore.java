package org.currents.store.sqlite;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.currents.model.Context;
import org.currents.model.Event;
import org.currents.model.ParsedEvent;
import org.currents.model.SourceMeta;
import org.currents.model.WikiPage;
import org.currents.store.Access;
import org.currents.store.ArchiveStore;
import org.currents.store.CitedUrl;
import org.currents.store.EnrichSelection;
import org.currents.store.EventSketch;
import org.currents.store.EventSummary;
import org.currents.store.Move;
import org.currents.store.PageState;
import org.currents.store.PageUpdate;
import org.currents.store.StoreException;
import org.currents.store.StoredPage;

/**
 * The archive in one SQLite file (WAL mode), the embedded default. Opening creates the file
 * and applies pending migrations; each writing method is one transaction.
 *
 * <p>This class owns the connection and the transactions, and names each operation for its
 * {@link StoreException}; the SQL lives in one class per concern that it delegates to.
 */
public final class SqliteStore implements ArchiveStore {
    /** The mark a history writer sets while it works and clears when it finished. */
    private static final String UNFINISHED = "unfinished";

    private final String path;
    private final Access access;
    private final Consumer<String> notices;
    private final Connection c;
    private final Jdbc jdbc;
    private final SqlitePages pages;
    private final SqlitePageStates states;
    private final SqliteCommits commits;
    private final SqliteMoves moves;
    private final SqliteContexts contexts;
    private final SqliteEvents events;
    private final SqliteSources sources;
    private final SqliteRedirects redirects;
    private final SqliteSearch search;

    // > 0 inside atomically(): writes join its transaction
    private int atomicDepth;
    // started by the first commit of a page group (an import's): see Checkpointer
    private Checkpointer checkpointer;
    private boolean checkpointerTried;

    private SqliteStore(String path, Access access, Consumer<String> notices, Connection c) {
        this.path = path;
        this.access = access;
        this.notices = notices;
        this.c = c;
        this.jdbc = new Jdbc(c, true);
        this.pages = new SqlitePages(jdbc);
        this.states = new SqlitePageStates(jdbc, pages);
        this.contexts = new SqliteContexts(jdbc);
        this.commits = new SqliteCommits(jdbc, pages, contexts);
        this.moves = new SqliteMoves(jdbc, contexts);
        this.events = new SqliteEvents(jdbc);
        this.sources = new SqliteSources(c, path);
        this.redirects = new SqliteRedirects(c, path);
        this.search = new SqliteSearch(jdbc);
    }

    /** Opens or creates the archive at {@code path} for writing and brings its schema up to date. */
    public static SqliteStore open(String path) {
        return open(path, Access.WRITE, notice -> {});
    }

    /**
     * Opens the archive at {@code path}: for {@link Access#WRITE}, creating it and bringing its
     * schema up to date; for {@link Access#READ}, without changing the file in any way.
     *
     * @param notices receives a line when an operation waits for another process's lock
     * @throws StoreException when the file cannot be opened as an archive
     */
    public static SqliteStore open(String path, Access access, Consumer<String> notices) {
        return new SqliteStore(path, access, notices, SqliteFiles.open(path, access, notices));
    }

    @Override
    public String describe() {
        return path;
    }

    @Override
    public void close() {
        try {
            try {
                if (checkpointer != null) {
                    checkpointer.close(); // first: the writer's connection, closing last, checkpoints all
                }
                jdbc.close();
            } finally {
                c.close();
            }
        } catch (SQLException e) {
            throw SqliteErrors.wrap(path, "close archive " + path, e);
        }
    }

    private interface Work<T> {
        T run() throws SQLException;
    }

    private interface Step {
        void run() throws SQLException;
    }

    /** Runs {@code step} in one transaction, rolled back on any failure; inside {@link #atomically}, in its. */
    private void tx(String what, Step step) {
        if (atomicDepth > 0) {
            try {
                step.run();
            } catch (SQLException e) {
                throw SqliteErrors.wrap(path, what, e);
            }
            return;
        }
        try {
            Transactions.run(c, () -> {
                step.run();
                return null;
            });
        } catch (SQLException e) {
            throw SqliteErrors.wrap(path, what, e);
        }
    }

    @Override
    public <T> T atomically(String what, java.util.function.Supplier<T> work) {
        if (atomicDepth > 0) {
            return work.get();
        }
        try {
            // BEGIN IMMEDIATE: the write lock from here to the commit
            return Transactions.run(c, () -> {
                atomicDepth++;
                try {
                    return work.get();
                } finally {
                    atomicDepth--;
                }
            });
        } catch (SQLException e) {
            throw SqliteErrors.wrap(path, what, e);
        }
    }

    @Override
    public Lock lockForWriting(String holder) {
        if (access != Access.WRITE) {
            throw new IllegalStateException(
                    "archive " + path + " was opened for reading: it cannot be locked for" + " writing");
        }
        return SqliteWriterLock.acquire(path, holder, notices);
    }

    @Override
    public void writingStarted() {
        // the earliest start that did not finish is the one to tell of
        if (mark(UNFINISHED) == 0) {
            setMark(UNFINISHED, java.time.Instant.now().getEpochSecond());
        }
    }

    @Override
    public void writingFinished() {
        setMark(UNFINISHED, 0);
    }

    @Override
    public Optional<String> unfinished() {
        long since = mark(UNFINISHED);
        // the scan runs only where such a rebuild could have been: it deleted every mark but 'seq',
        // and only imports and rebuilds set 'moves' again
        boolean forgotten = mark("moves") == 0
                && read(
                        "look for events without history",
                        () -> new Jdbc(c).exists("SELECT 1 FROM observations WHERE event_id = '' LIMIT 1"));
        if (forgotten) {
            // only a rebuild of currents before 0.1 (which forgot every history first and then
            // followed page after page) leaves observations without their event
            return Optional.of("its histories are incomplete: a rebuild was interrupted; run currents rebuild");
        }
        String writer = since > 0 ? SqliteWriterLock.holder(path) : null;
        if (writer != null) {
            return Optional.of(writer + " is writing to it now: what it committed is whole, but moves between"
                    + " days and contexts may lag until it ends");
        }
        if (since > 0) {
            return Optional.of("a writer (import, sync or rebuild) started at " + java.time.Instant.ofEpochSecond(since)
                    + " did not finish: what it committed is whole, but moves between days and contexts may lag;"
                    + " run it again");
        }
        return Optional.empty();
    }

    private <T> T read(String what, Work<T> work) {
        try {
            return work.run();
        } catch (SQLException e) {
            throw SqliteErrors.wrap(path, what, e);
        }
    }

    /**
     * A new page gets its id here but its row only with its first commit, in the same
     * transaction as its revisions: an import that breaks inside a page leaves no trace of it.
     */
    @Override
    public long page(WikiPage page) {
        Long waiting = pages.pendingId(page.title());
        if (waiting != null) {
            return waiting;
        }
        Long stored = read("look up page " + page.title(), () -> pages.storedId(page.title()));
        if (stored == null) {
            return read("allocate an id for page " + page.title(), () -> pages.allocate(page));
        }
        if (page.wikiPageId() != 0) {
            tx("update page " + page.title(), () -> pages.upsert(page));
        }
        return stored;
    }

    @Override
    public void deletePageIfEmpty(long pageId) {
        tx("delete empty page " + pageId, () -> pages.deleteIfEmpty(pageId));
    }

    @Override
    public void markMissing(WikiPage page) {
        Long waiting = pages.pendingId(page.title());
        tx("mark page missing " + page.title(), () -> pages.markMissing(page));
        if (waiting != null) {
            pages.written(waiting);
        }
    }

    @Override
    public Set<Long> revisionIds(long pageId) {
        return read("read revision ids of page " + pageId, () -> pages.revisionIds(pageId));
    }

    @Override
    public Map<Long, Long> knownRevisions(Collection<Long> ids) {
        return read("look up " + ids.size() + " revision ids", () -> pages.knownRevisions(ids));
    }

    @Override
    public long newestRevisionId(long pageId) {
        return read("read newest revision of page " + pageId, () -> pages.newestRevisionId(pageId));
    }

    @Override
    public List<StoredPage> pages() {
        return read("list pages", pages::pages);
    }

    @Override
    public PageState pageState(long pageId) {
        return read("read history state of page " + pageId, () -> states.pageState(pageId));
    }

    @Override
    public void commit(List<PageUpdate> updates) {
        String what =
                updates.size() == 1 ? "commit page " + updates.get(0).pageId() : "commit " + updates.size() + " pages";
        tx(what, () -> {
            for (PageUpdate u : updates) {
                commits.write(u);
            }
        });
        for (PageUpdate u : updates) {
            pages.written(u.pageId());
        }
        if (updates.size() > 1) { // a group: an import that goes on writing
            if (!checkpointerTried) {
                checkpointerTried = true;
                checkpointer = Checkpointer.start(c, "jdbc:sqlite:" + path);
            }
            if (checkpointer != null) {
                checkpointer.committed();
            }
        }
    }

    @Override
    public void resetHistories() {
        tx("reset histories", commits::resetHistories);
    }

    @Override
    public void mergeMovedEvent(String keptId, String mergedId, Move move) {
        tx("merge moved event " + mergedId + " into " + keptId, () -> moves.mergeMovedEvent(keptId, mergedId, move));
    }

    @Override
    public List<EventSketch> removedEvents(long sinceSequence) {
        return read("list removed events", () -> moves.removedEvents(sinceSequence));
    }

    @Override
    public List<EventSketch> createdEvents(long sinceSequence) {
        return read("list created events", () -> moves.createdEvents(sinceSequence));
    }

    @Override
    public List<String> eventsChangedSince(long sequence) {
        return read("list changed events", () -> contexts.eventsChangedSince(sequence));
    }

    @Override
    public Map<String, ParsedEvent> latestContent(Collection<String> eventIds) {
        return read("read content of " + eventIds.size() + " events", () -> contexts.latestContent(eventIds));
    }

    @Override
    public long changeSequence() {
        return mark("seq");
    }

    @Override
    public void replaceContexts(Map<String, List<Context>> byEvent) {
        tx("replace contexts of " + byEvent.size() + " events", () -> contexts.replaceContexts(byEvent));
    }

    @Override
    public void setMark(String name, long sequence) {
        tx("set mark " + name, () -> contexts.setMark(name, sequence));
    }

    @Override
    public long mark(String name) {
        return read("read mark " + name, () -> contexts.mark(name));
    }

    @Override
    public List<LocalDate> days() {
        return read("list days", events::days);
    }

    @Override
    public List<Event> events(LocalDate day) {
        return read("read events of " + day, () -> events.ofDay(day));
    }

    @Override
    public Optional<Event> event(String id) {
        return read("read event " + id, () -> events.byId(id));
    }

    @Override
    public void forEachEvent(Consumer<Event> action) {
        for (LocalDate day : days()) {
            events(day).forEach(action);
        }
    }

    @Override
    public List<EventSummary> eventSummaries() {
        return read("summarise events", events::summaries);
    }

    @Override
    public Set<String> eventsWithSourceMetaSince(Instant since) {
        return read("list events with new source metadata", () -> events.withSourceMetaSince(since));
    }

    @Override
    public <T> T snapshot(java.util.function.Supplier<T> work) {
        if (atomicDepth > 0) {
            return work.get();
        }
        // a deferred BEGIN takes no lock until the first read, which pins the WAL snapshot; the
        // connection's own transaction mode is IMMEDIATE (for writers), so it is begun by hand
        try (java.sql.Statement st = c.createStatement()) {
            st.execute("BEGIN DEFERRED");
            atomicDepth++;
            try {
                return work.get();
            } finally {
                atomicDepth--;
                st.execute("COMMIT");
            }
        } catch (SQLException e) {
            throw SqliteErrors.wrap(path, "read the archive", e);
        }
    }

    @Override
    public org.currents.store.SearchPage search(org.currents.store.SearchQuery query) {
        return read("search for " + query.text(), () -> search.search(query));
    }

    @Override
    public List<org.currents.store.DomainSource> sourcesOf(String domain, String afterUrl, int limit) {
        return read("read the sources of " + domain, () -> {
            List<org.currents.store.DomainSource> found = search.ofDomain(domain, afterUrl, limit);
            Map<String, SourceMeta> meta = sources.sourceMeta(
                    found.stream().map(org.currents.store.DomainSource::url).toList());
            return found.stream()
                    .map(d -> new org.currents.store.DomainSource(d.url(), d.domain(), d.events(), meta.get(d.url())))
                    .toList();
        });
    }

    @Override
    public Map<String, Long> stats() {
        return read("count the archive", events::stats);
    }

    @Override
    public Map<String, SourceMeta> sourceMeta(Collection<String> urls) {
        return sources.sourceMeta(urls);
    }

    @Override
    public void saveSourceMeta(SourceMeta meta) {
        sources.saveSourceMeta(meta);
    }

    @Override
    public List<CitedUrl> urlsToEnrich(EnrichSelection selection) {
        return sources.urlsToEnrich(selection);
    }

    @Override
    public Map<String, Long> sourceOutcomeCounts() {
        return sources.sourceOutcomeCounts();
    }

    @Override
    public Map<String, String> redirectTargets(Collection<String> titles) {
        return redirects.redirectTargets(titles);
    }

    @Override
    public void saveRedirects(Map<String, String> targets, Instant resolvedAt) {
        tx("save " + targets.size() + " redirects", () -> redirects.saveRedirects(targets, resolvedAt));
    }

    @Override
    public List<String> redirectsResolvedBefore(Instant before, int limit) {
        return redirects.redirectsResolvedBefore(before, limit);
    }
}
