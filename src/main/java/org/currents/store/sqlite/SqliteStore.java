package org.currents.store.sqlite;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
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
    // Checkpoint the WAL every 64 MB rather than SQLite's default 4 MB: an import commits about
    // 1 MB per day page, so the default copied each database page back about 16 times as often
    // and fsynced as often. Import of gen_corpus's large preset: 6.1 -> 4.7 GB written, system
    // time 8.4 -> 6.2 s (bench/import.md).
    private static final int WAL_CHECKPOINT_PAGES = 16_384;

    // SQLite's primary result code for "file is not a database" (https://sqlite.org/rescode.html)
    private static final int SQLITE_NOTADB = 26;

    private final String path;
    private final Connection c;
    private final SqlitePages pages;
    private final SqlitePageStates states;
    private final SqliteCommits commits;
    private final SqliteMoves moves;
    private final SqliteContexts contexts;
    private final SqliteEvents events;
    private final SqliteSources sources;
    private final SqliteRedirects redirects;

    private SqliteStore(String path, Connection c) {
        this.path = path;
        this.c = c;
        Jdbc jdbc = new Jdbc(c);
        this.pages = new SqlitePages(jdbc);
        this.states = new SqlitePageStates(jdbc, pages);
        this.contexts = new SqliteContexts(jdbc);
        this.commits = new SqliteCommits(jdbc, pages, contexts);
        this.moves = new SqliteMoves(jdbc, contexts);
        this.events = new SqliteEvents(jdbc);
        this.sources = new SqliteSources(c);
        this.redirects = new SqliteRedirects(c);
    }

    /**
     * Opens or creates the archive at {@code path} and brings its schema up to date.
     *
     * @throws StoreException when the file cannot be opened as an archive
     */
    public static SqliteStore open(String path) {
        Path p = Path.of(path);
        if (Files.isDirectory(p)) {
            throw new StoreException("open archive " + path + ": it is a directory", null);
        }
        Path parent = p.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new StoreException("open archive " + path + ": directory " + parent + " does not exist", null);
        }
        Connection c = null;
        try {
            c = DriverManager.getConnection("jdbc:sqlite:" + path);
            configure(c);
            refuseForeignSchema(path, c);
            Migrations.apply(c);
            return new SqliteStore(path, c);
        } catch (SQLException e) {
            close(c);
            if (e.getErrorCode() == SQLITE_NOTADB) {
                throw new StoreException("open archive " + path + ": it is not a SQLite database", null);
            }
            throw new StoreException("open archive " + path, e);
        } catch (StoreException e) {
            close(c);
            throw e;
        }
    }

    private static void configure(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("PRAGMA busy_timeout = 10000");
            st.executeQuery("SELECT count(*) FROM sqlite_master").close();
            st.execute("PRAGMA journal_mode = WAL");
            st.execute("PRAGMA synchronous = NORMAL");
            st.execute("PRAGMA cache_size = -65536");
            st.execute("PRAGMA temp_store = MEMORY");
            st.execute("PRAGMA wal_autocheckpoint = " + WAL_CHECKPOINT_PAGES);
        }
    }

    /** Fails unless the database is empty or a currents archive of a schema this build knows. */
    private static void refuseForeignSchema(String path, Connection c) throws SQLException {
        Jdbc jdbc = new Jdbc(c);
        boolean versioned = jdbc.exists("SELECT 1 FROM sqlite_master WHERE type='table' AND name='schema_version'");
        if (!versioned
                && jdbc.exists(
                        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite!_%' ESCAPE '!'")) {
            // migrating would write currents' tables into somebody else's database
            throw new StoreException(
                    "open archive " + path
                            + ": it is a SQLite database but not a currents archive (it has tables and no"
                            + " schema_version)",
                    null);
        }
        int version = versioned ? Migrations.current(c) : 0;
        if (version > Migrations.latest()) {
            throw new StoreException(
                    "open archive " + path + ": made by a newer currents (schema " + version + ", this build knows "
                            + Migrations.latest() + ")",
                    null);
        }
    }

    private static void close(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // already failing; the first error is the one to report
            }
        }
    }

    @Override
    public String describe() {
        return path;
    }

    @Override
    public void close() {
        try {
            c.close();
        } catch (SQLException e) {
            throw new StoreException("close archive " + path, e);
        }
    }

    private interface Work<T> {
        T run() throws SQLException;
    }

    private interface Step {
        void run() throws SQLException;
    }

    /** Runs {@code step} in one transaction, rolled back on any failure. */
    private void tx(String what, Step step) {
        try {
            c.setAutoCommit(false);
            try {
                step.run();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException(what, e);
        }
    }

    private <T> T read(String what, Work<T> work) {
        try {
            return work.run();
        } catch (SQLException e) {
            throw new StoreException(what, e);
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
