package org.currents.store.jdbc;

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
import javax.sql.DataSource;
import org.currents.model.Context;
import org.currents.model.Event;
import org.currents.model.ParsedEvent;
import org.currents.model.SourceMeta;
import org.currents.model.WikiPage;
import org.currents.store.Access;
import org.currents.store.ArchiveStore;
import org.currents.store.CitedUrl;
import org.currents.store.EnrichClaims;
import org.currents.store.EnrichSelection;
import org.currents.store.EventSketch;
import org.currents.store.EventSummary;
import org.currents.store.Move;
import org.currents.store.PageState;
import org.currents.store.PageUpdate;
import org.currents.store.SiteQueries;
import org.currents.store.SqlEnrichClaims;
import org.currents.store.StoreException;
import org.currents.store.StoredPage;

/**
 * The archive in a SQL database, one implementation for SQLite and PostgreSQL: what the two do
 * differently is the {@link Dialect}'s (errors, snapshots, the writer lock, page ids, search).
 * The dialect's opener hands over a connection to an archive of the current schema.
 *
 * <p>This class owns the connection and the transactions, and names each operation for its
 * {@link StoreException}; the SQL lives in one class per concern that it delegates to.
 */
public final class JdbcStore implements ArchiveStore {
    /** The mark a history writer sets while it works and clears when it finished. */
    private static final String UNFINISHED = "unfinished";

    private final Dialect dialect;
    private final Access access;
    private final Consumer<String> notices;
    private final Connection c;
    private final Jdbc jdbc;
    private final Pages pages;
    private final PageStates states;
    private final Commits commits;
    private final Moves moves;
    private final Contexts contexts;
    private final Related related;
    private final Events events;
    private final Sources sources;
    private final Redirects redirects;
    private final Search search;
    private final SiteSql site;

    // > 0 inside atomically(): writes join its transaction
    private int atomicDepth;

    /**
     * The archive on connection {@code c}, schema checked (and for writers migrated) by the
     * dialect's opener; the store owns {@code c} and closes it, then the dialect.
     */
    public JdbcStore(Dialect dialect, Access access, Consumer<String> notices, Connection c) {
        this.dialect = dialect;
        this.access = access;
        this.notices = notices;
        this.c = c;
        // the write path's statements are kept for the connection's life (closed in close())
        this.jdbc = new Jdbc(c, true);
        this.pages = new Pages(jdbc, dialect);
        this.states = new PageStates(jdbc, pages);
        this.contexts = new Contexts(jdbc);
        this.related = new Related(jdbc);
        this.site = new SiteSql(jdbc);
        this.commits = new Commits(jdbc, pages, contexts);
        this.moves = new Moves(jdbc, contexts);
        this.events = new Events(jdbc);
        this.sources = new Sources(c, dialect);
        this.redirects = new Redirects(c, dialect);
        this.search = dialect.search(jdbc);
    }

    @Override
    public String describe() {
        return dialect.describe();
    }

    @Override
    public void close() {
        try {
            try {
                dialect.closing();
                jdbc.close();
            } finally {
                c.close();
            }
        } catch (SQLException e) {
            throw dialect.wrap("close archive " + describe(), e);
        } finally {
            dialect.close();
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
                throw dialect.wrap(what, e);
            }
            return;
        }
        try {
            Transactions.run(c, () -> {
                step.run();
                return null;
            });
        } catch (SQLException e) {
            throw dialect.wrap(what, e);
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
            throw dialect.wrap(what, e);
        }
    }

    /**
     * Enrich's shared work beside the store's connection, which stays one-thread-at-a-time: over
     * the dialect's pool, each call borrowing a connection for its statement (PostgreSQL), or on a
     * connection of its own whose calls take turns (SQLite, whose writers take turns anyway).
     */
    @Override
    public EnrichClaims enrichClaims() {
        if (access != Access.WRITE) {
            throw new IllegalStateException(
                    "archive " + describe() + " was opened for reading: enrich cannot claim URLs");
        }
        DataSource pool = dialect.pool();
        return pool != null
                ? SqlEnrichClaims.over(pool, describe())
                : SqlEnrichClaims.on(dialect.connect(notices), describe());
    }

    @Override
    public Lock lockForWriting(String holder, boolean wait) {
        if (access != Access.WRITE) {
            throw new IllegalStateException(
                    "archive " + describe() + " was opened for reading: it cannot be locked for writing");
        }
        return dialect.lockForWriting(holder, wait, notices);
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
        tx("build the search index", () -> {
            if (contexts.hasMark(Search.LATER)) {
                search.buildMissing();
                contexts.deleteMark(Search.LATER);
            }
        });
        setMark(UNFINISHED, 0);
        tx("tidy the search index", search::tidy);
    }

    @Override
    public void deferSearch() {
        tx("defer the search index", () -> contexts.setMark(Search.LATER, 1));
    }

    @Override
    public Optional<String> unfinished() {
        long since = mark(UNFINISHED);
        // only a rebuild of currents before 0.1 (which forgot every history first and then
        // followed page after page) left observations without their event; schema 12 keeps
        // that as a mark, which the next rebuild to finish clears
        boolean forgotten = mark(PackObservations.FORGOTTEN) != 0;
        if (forgotten) {
            return Optional.of("its histories are incomplete: a rebuild was interrupted; run currents rebuild");
        }
        String writer = since > 0 ? dialect.writerHolder() : null;
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
            throw dialect.wrap(what, e);
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
            long[] id = new long[1];
            tx("allocate an id for page " + page.title(), () -> id[0] = pages.allocate(page));
            return id[0];
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
        dialect.committed(c, updates.size());
    }

    @Override
    public void resetHistories() {
        tx("reset histories", () -> {
            search.clear();
            commits.resetHistories();
        });
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

    // ---- the related-events index (Related)

    @Override
    public Map<String, Member> currentMembers(Collection<String> ids) {
        return read("read ranks of " + ids.size() + " events", () -> related.currentMembers(ids));
    }

    @Override
    public Map<String, Member> indexedMembers(Collection<String> ids) {
        return read("read indexed ranks of " + ids.size() + " events", () -> related.indexedMembers(ids));
    }

    @Override
    public List<String> indexedButGone() {
        return read("list events gone from the related index", related::indexedButGone);
    }

    @Override
    public void saveMembers(Collection<Member> members) {
        tx("index ranks of " + members.size() + " events", () -> related.saveMembers(members));
    }

    @Override
    public void forgetMembers(Collection<String> ids) {
        tx("forget " + ids.size() + " events in the related index", () -> related.forgetMembers(ids));
    }

    @Override
    public void replaceRelatedIndex(Collection<Member> members, Map<String, List<Listed>> lists, long sequence) {
        tx(
                "replace the related index of " + members.size() + " events",
                () -> related.replaceAll(members, lists, sequence));
    }

    @Override
    public void clearRelated() {
        tx("clear the related index", related::clear);
    }

    @Override
    public Map<String, List<Listed>> relatedLists(Collection<String> ids) {
        return read("read related lists of " + ids.size() + " events", () -> related.lists(ids));
    }

    @Override
    public Map<String, List<Listed>> allRelatedLists() {
        return read("read every related list", related::all);
    }

    @Override
    public void saveRelatedLists(Map<String, List<Listed>> lists, long sequence) {
        tx("save related lists of " + lists.size() + " events", () -> related.saveLists(lists, sequence));
    }

    @Override
    public Set<String> listing(Collection<String> ids) {
        return read("find lists holding " + ids.size() + " events", () -> related.listing(ids));
    }

    @Override
    public Map<String, Set<String>> eventsWithContexts(Collection<String> keys) {
        return read("find events of " + keys.size() + " contexts", () -> related.withContexts(keys));
    }

    @Override
    public List<Listed> rankRelated(String id, int limit) {
        return read("rank events related to " + id, () -> related.rank(id, limit));
    }

    @Override
    public Set<String> relatedListsChangedSince(long sequence) {
        return read("list changed related lists", () -> related.changedSince(sequence));
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
        try {
            dialect.beginSnapshot(c);
            atomicDepth++;
            try {
                return work.get();
            } finally {
                atomicDepth--;
                dialect.endSnapshot(c);
            }
        } catch (SQLException e) {
            throw dialect.wrap("read the archive", e);
        }
    }

    @Override
    public org.currents.store.SearchPage search(org.currents.store.SearchQuery query) {
        return read("search for " + query.text(), () -> {
            if (contexts.hasMark(Search.LATER)) {
                // not the query's fault (a 400): the archive's, for now (serve answers 503)
                throw new StoreException(
                        "search for " + query.text(),
                        "search is not ready: the search index of an archive's first import is built when"
                                + " that import ends, and it is running or was interrupted; it is complete once"
                                + " an import, sync or rebuild finishes",
                        null);
            }
            return search.search(query);
        });
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
    public void copyTo(ArchiveStore target, Consumer<String> progress) {
        if (!(target instanceof JdbcStore to)) {
            throw new IllegalArgumentException("cannot copy archive " + describe() + " into " + target.describe());
        }
        if (to.stats().values().stream().anyMatch(v -> v != 0)) {
            throw new IllegalArgumentException(
                    "archive " + to.describe() + " is not empty: copy into a new archive only");
        }
        snapshot(() -> {
            to.tx("copy archive " + describe() + " into " + to.describe(), () -> {
                Copy.run(new Jdbc(c), new Jdbc(to.c), progress);
                to.dialect.afterCopy(new Jdbc(to.c));
            });
            return null;
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

    // ---- the web server's per-page queries (SiteSql)

    @Override
    public List<SiteQueries.DayTally> dayTallies() {
        return read("count the events of every day", site::dayTallies);
    }

    @Override
    public List<SiteQueries.Spelling> contextSpellings() {
        return read("read the spellings of contexts", site::contextSpellings);
    }

    @Override
    public List<SiteQueries.Spelling> contextSpellings(Collection<String> keys) {
        return read("read the spellings of " + keys.size() + " contexts", () -> site.contextSpellings(keys));
    }

    @Override
    public Map<String, Integer> contextCounts() {
        return read("count the events of every context", site::contextCounts);
    }

    @Override
    public long contextPagesAtMost(int perPage) {
        return read("count the contexts", () -> site.contextPagesAtMost(perPage));
    }

    @Override
    public List<SiteQueries.Brief> contextEvents(String key, int offset, int limit) {
        return read("read the events of context " + key, () -> site.contextEvents(key, offset, limit));
    }

    @Override
    public Map<LocalDate, Integer> contextDays(String key) {
        return read("read the days of context " + key, () -> site.contextDays(key));
    }

    @Override
    public Map<String, Integer> coContexts(String key) {
        return read("read the contexts that occur with " + key, () -> site.coContexts(key));
    }

    @Override
    public List<SiteQueries.Touched> contextTouched(String key) {
        return read("read the newest versions of context " + key, () -> site.contextTouched(key));
    }

    @Override
    public SiteQueries.Touches touchedBefore(java.time.Instant beforeTime, long beforeRevision, int limit) {
        return read("read the newest revisions", () -> site.touchedBefore(beforeTime, beforeRevision, limit));
    }

    @Override
    public Map<String, SiteQueries.Brief> briefs(Collection<String> ids) {
        return read("read " + ids.size() + " events in brief", () -> site.briefs(ids));
    }

    @Override
    public Map<String, List<String>> contextKeys(Collection<String> ids) {
        return read("read the contexts of " + ids.size() + " events", () -> site.contextKeys(ids));
    }
}
