package org.currents.store.sqlite;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.currents.model.Context;
import org.currents.model.Event;
import org.currents.model.EventStatus;
import org.currents.model.ParsedEvent;
import org.currents.model.Problem;
import org.currents.model.Revision;
import org.currents.model.SourceMeta;
import org.currents.model.WikiPage;
import org.currents.store.ArchiveStore;
import org.currents.store.CitedUrl;
import org.currents.store.EnrichSelection;
import org.currents.store.EventRow;
import org.currents.store.EventSketch;
import org.currents.store.Move;
import org.currents.store.Observation;
import org.currents.store.PageState;
import org.currents.store.PageUpdate;
import org.currents.store.StoreException;
import org.currents.store.StoredPage;
import org.currents.store.StoredRevision;
import org.currents.store.StoredVersion;

/**
 * The archive in one SQLite file (WAL mode), the embedded default. Opening creates the file
 * and applies pending migrations; each writing method is one transaction.
 */
public final class SqliteStore implements ArchiveStore {
    /** Problems kept per revision; more are only counted in {@code revisions.problem_count}. */
    static final int PROBLEMS_PER_REVISION = 20;

    // Checkpoint the WAL every 64 MB rather than SQLite's default 4 MB: an import commits about
    // 1 MB per day page, so the default copied each database page back about 16 times as often
    // and fsynced as often. Import of gen_corpus's large preset: 6.1 -> 4.7 GB written, system
    // time 8.4 -> 6.2 s (bench/import.md).
    private static final int WAL_CHECKPOINT_PAGES = 16_384;

    // SQLite's primary result code for "file is not a database" (https://sqlite.org/rescode.html)
    private static final int SQLITE_NOTADB = 26;

    private final String path;
    private final Connection c;
    private final SqliteSources sources;
    private final SqliteEvents events;
    private final SqliteRedirects redirects;
    // pages handed an id by page() whose row waits for their first commit, by id and by title
    private final Map<Long, WikiPage> pending = new HashMap<>();
    private final Map<String, Long> pendingIds = new HashMap<>();

    private SqliteStore(String path, Connection c) {
        this.path = path;
        this.c = c;
        this.sources = new SqliteSources(c);
        this.events = new SqliteEvents(c);
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
            try (Statement st = c.createStatement()) {
                st.execute("PRAGMA busy_timeout = 10000");
                st.executeQuery("SELECT count(*) FROM sqlite_master").close();
                st.execute("PRAGMA journal_mode = WAL");
                st.execute("PRAGMA synchronous = NORMAL");
                st.execute("PRAGMA cache_size = -65536");
                st.execute("PRAGMA temp_store = MEMORY");
                st.execute("PRAGMA wal_autocheckpoint = " + WAL_CHECKPOINT_PAGES);
            }
            boolean versioned = hasVersionTable(c);
            if (!versioned && hasTables(c)) {
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

    private static boolean hasTables(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite!_%' ESCAPE '!'")) {
            return rs.next();
        }
    }

    private static boolean hasVersionTable(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs =
                        st.executeQuery("SELECT 1 FROM sqlite_master WHERE type='table' AND name='schema_version'")) {
            return rs.next();
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

    // ---- transactions

    private interface Work<T> {
        T run() throws SQLException;
    }

    private <T> T tx(String what, Work<T> work) {
        try {
            c.setAutoCommit(false);
            try {
                T result = work.run();
                c.commit();
                return result;
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

    // ---- pages and revisions

    /**
     * A new page gets its id here but its row only with its first commit, in the same
     * transaction as its revisions: an import that breaks inside a page leaves no trace of it.
     */
    @Override
    public long page(WikiPage page) {
        Long waiting = pendingIds.get(page.title());
        if (waiting != null) {
            return waiting;
        }
        Long stored = read("look up page " + page.title(), () -> storedPageId(page.title()));
        if (stored == null) {
            long id = read("allocate an id for page " + page.title(), this::nextPageId);
            pending.put(id, page);
            pendingIds.put(page.title(), id);
            return id;
        }
        if (page.wikiPageId() != 0) {
            tx("update page " + page.title(), () -> pageId(page));
        }
        return stored;
    }

    private Long storedPageId(String title) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM pages WHERE title = ?")) {
            ps.setString(1, title);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }

    private long nextPageId() throws SQLException {
        long max = pending.keySet().stream().mapToLong(Long::longValue).max().orElse(0);
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(id), 0) FROM pages")) {
            rs.next();
            return Math.max(max, rs.getLong(1)) + 1;
        }
    }

    /** Writes the row of a page that {@link #page} handed an id to; true when there was one. */
    private boolean writePending(long pageId) throws SQLException {
        WikiPage p = pending.get(pageId);
        if (p == null) {
            return false;
        }
        try (PreparedStatement ps =
                c.prepareStatement("INSERT INTO pages (id, title, day, wiki_page_id) VALUES (?,?,?,?)")) {
            ps.setLong(1, pageId);
            ps.setString(2, p.title());
            ps.setString(3, p.day().toString());
            ps.setLong(4, p.wikiPageId());
            ps.executeUpdate();
        }
        return true;
    }

    private void written(long pageId) {
        WikiPage p = pending.remove(pageId);
        if (p != null) {
            pendingIds.remove(p.title());
        }
    }

    private long pageId(WikiPage page) throws SQLException {
        if (storedPageId(page.title()) == null) {
            // a new row takes an id no page waiting for its first commit holds
            long id = nextPageId();
            try (PreparedStatement ps =
                    c.prepareStatement("INSERT INTO pages (id, title, day, wiki_page_id) VALUES (?,?,?,?)")) {
                ps.setLong(1, id);
                ps.setString(2, page.title());
                ps.setString(3, page.day().toString());
                ps.setLong(4, page.wikiPageId());
                ps.executeUpdate();
            }
            return id;
        }
        try (PreparedStatement ps = c.prepareStatement(
                // A page a source announces exists (again): a day page live sync found missing
                // may be created later (markMissing sets the flag right after this).
                "INSERT INTO pages (title, day, wiki_page_id) VALUES (?,?,?) ON CONFLICT (title) DO UPDATE"
                        + " SET wiki_page_id = CASE WHEN excluded.wiki_page_id <> 0 THEN excluded.wiki_page_id"
                        + " ELSE pages.wiki_page_id END, missing = 0")) {
            ps.setString(1, page.title());
            ps.setString(2, page.day().toString());
            ps.setLong(3, page.wikiPageId());
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM pages WHERE title = ?")) {
            ps.setString(1, page.title());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Override
    public void deletePageIfEmpty(long pageId) {
        tx("delete empty page " + pageId, () -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM pages WHERE id = ? AND missing = 0"
                    + " AND NOT EXISTS (SELECT 1 FROM revisions r WHERE r.page_id = pages.id)")) {
                ps.setLong(1, pageId);
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void markMissing(WikiPage page) {
        Long waiting = pendingIds.get(page.title());
        tx("mark page missing " + page.title(), () -> {
            long id = waiting != null && writePending(waiting) ? waiting : pageId(page);
            try (PreparedStatement ps = c.prepareStatement("UPDATE pages SET missing = 1 WHERE id = ?")) {
                ps.setLong(1, id);
                ps.executeUpdate();
            }
            return null;
        });
        if (waiting != null) {
            written(waiting);
        }
    }

    @Override
    public Set<Long> revisionIds(long pageId) {
        return read("read revision ids of page " + pageId, () -> {
            Set<Long> ids = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM revisions WHERE page_id = ?")) {
                ps.setLong(1, pageId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
            }
            return ids;
        });
    }

    @Override
    public Map<Long, Long> knownRevisions(Collection<Long> ids) {
        return read("look up " + ids.size() + " revision ids", () -> {
            Map<Long, Long> out = new HashMap<>();
            List<Long> list = new ArrayList<>(ids);
            for (int from = 0; from < list.size(); from += 500) {
                List<Long> chunk = list.subList(from, Math.min(list.size(), from + 500));
                String sql = "SELECT id, page_id FROM revisions WHERE id IN ("
                        + "?,".repeat(chunk.size()).replaceAll(",$", "") + ")";
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    for (int k = 0; k < chunk.size(); k++) {
                        ps.setLong(k + 1, chunk.get(k));
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.put(rs.getLong(1), rs.getLong(2));
                        }
                    }
                }
            }
            return out;
        });
    }

    @Override
    public long newestRevisionId(long pageId) {
        return read("read newest revision of page " + pageId, () -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id FROM revisions WHERE page_id = ? ORDER BY timestamp DESC, id DESC LIMIT 1")) {
                ps.setLong(1, pageId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : 0L;
                }
            }
        });
    }

    @Override
    public List<StoredPage> pages() {
        return read("list pages", () -> {
            List<StoredPage> out = new ArrayList<>();
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT p.id, p.title, p.day, p.missing,"
                            + " (SELECT count(*) FROM revisions r WHERE r.page_id = p.id),"
                            + " (SELECT r.id FROM revisions r WHERE r.page_id = p.id ORDER BY r.timestamp DESC, r.id DESC LIMIT 1)"
                            + " FROM pages p ORDER BY p.day")) {
                while (rs.next()) {
                    out.add(new StoredPage(
                            rs.getLong(1),
                            rs.getString(2),
                            LocalDate.parse(rs.getString(3)),
                            rs.getLong(5),
                            rs.getLong(6),
                            rs.getInt(4) != 0));
                }
            }
            return out;
        });
    }

    @Override
    public PageState pageState(long pageId) {
        WikiPage waiting = pending.get(pageId);
        if (waiting != null) {
            return new PageState(pageId, waiting, List.of(), List.of(), Map.of(), List.of(), Map.of(), Set.of());
        }
        return read("read history state of page " + pageId, () -> {
            WikiPage page;
            try (PreparedStatement ps = c.prepareStatement("SELECT title, day, wiki_page_id FROM pages WHERE id = ?")) {
                ps.setLong(1, pageId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new SQLException("no page " + pageId);
                    }
                    page = new WikiPage(rs.getString(1), LocalDate.parse(rs.getString(2)), rs.getLong(3));
                }
            }
            List<StoredRevision> revisions = new ArrayList<>();
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT id, parent_id, timestamp, contributor, comment, sha1,"
                            + " text_hidden, event_count, problem_count, base_id, reverted FROM revisions WHERE page_id = ?"
                            + " ORDER BY timestamp, id")) {
                ps.setLong(1, pageId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        revisions.add(new StoredRevision(
                                rs.getLong(1),
                                rs.getLong(2),
                                Codec.instant(rs.getString(3)),
                                rs.getString(4),
                                rs.getString(5),
                                rs.getString(6),
                                rs.getInt(7) != 0,
                                rs.getInt(8),
                                rs.getInt(9),
                                rs.getLong(10),
                                rs.getInt(11) != 0));
                    }
                }
            }
            List<Observation> observations = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT o.revision_id, o.position, o.bullet_key, o.event_id"
                    + " FROM observations o JOIN revisions r ON r.id = o.revision_id WHERE r.page_id = ?"
                    + " ORDER BY o.revision_id, o.position")) {
                ps.setLong(1, pageId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        observations.add(
                                new Observation(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getString(4)));
                    }
                }
            }
            List<StoredVersion> versions = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT v.event_id, v.revision_id, v.bullet_key, v.undone_by"
                    + " FROM versions v WHERE v.event_id IN (SELECT DISTINCT o.event_id FROM observations o"
                    + " JOIN revisions r ON r.id = o.revision_id WHERE r.page_id = ?)")) {
                ps.setLong(1, pageId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        versions.add(new StoredVersion(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getLong(4)));
                    }
                }
            }
            Set<String> keys = new HashSet<>();
            observations.forEach(o -> keys.add(o.bulletKey()));
            versions.forEach(v -> keys.add(v.bulletKey()));
            Map<String, ParsedEvent> bullets = bullets(keys);
            Map<String, EventRow> rows = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, page_id, day, first_revision_id, bullet_key,"
                    + " position, status, removed_revision_id, removed_at FROM events WHERE page_id = ?")) {
                ps.setLong(1, pageId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        EventRow row = eventRow(rs);
                        rows.put(row.id(), row);
                    }
                }
            }
            Set<String> movedAway = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT o.event_id FROM observations o"
                    + " JOIN revisions r ON r.id = o.revision_id JOIN events e ON e.id = o.event_id"
                    + " WHERE r.page_id = ?1 AND e.page_id <> ?1")) {
                ps.setLong(1, pageId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        movedAway.add(rs.getString(1));
                    }
                }
            }
            return new PageState(pageId, page, revisions, observations, bullets, versions, rows, movedAway);
        });
    }

    static EventRow eventRow(ResultSet rs) throws SQLException {
        return new EventRow(
                rs.getString(1),
                rs.getLong(2),
                LocalDate.parse(rs.getString(3)),
                rs.getLong(4),
                rs.getString(5),
                rs.getInt(6),
                EventStatus.valueOf(rs.getString(7).toUpperCase(java.util.Locale.ROOT)),
                rs.getLong(8),
                Codec.instant(rs.getString(9)));
    }

    private Map<String, ParsedEvent> bullets(Collection<String> keys) throws SQLException {
        Map<String, ParsedEvent> out = new HashMap<>();
        List<String> list = new ArrayList<>(keys);
        for (int from = 0; from < list.size(); from += 500) {
            List<String> chunk = list.subList(from, Math.min(list.size(), from + 500));
            String sql = "SELECT key, category, stories, text, links, sources, unsourced FROM bullets WHERE key IN ("
                    + "?,".repeat(chunk.size()).replaceAll(",$", "") + ")";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int k = 0; k < chunk.size(); k++) {
                    ps.setString(k + 1, chunk.get(k));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1), bullet(rs, 2));
                    }
                }
            }
        }
        return out;
    }

    /** A bullet's content from columns category, stories, text, links, sources, unsourced at {@code i}... */
    static ParsedEvent bullet(ResultSet rs, int i) throws SQLException {
        return new ParsedEvent(
                rs.getString(i),
                Codec.strings(rs.getString(i + 1)),
                rs.getString(i + 2),
                Codec.strings(rs.getString(i + 3)),
                Codec.sources(rs.getString(i + 4)),
                0,
                0,
                rs.getInt(i + 5) != 0);
    }

    @Override
    public void commit(List<PageUpdate> updates) {
        String what =
                updates.size() == 1 ? "commit page " + updates.get(0).pageId() : "commit " + updates.size() + " pages";
        tx(what, () -> {
            for (PageUpdate u : updates) {
                write(u);
            }
            return null;
        });
        for (PageUpdate u : updates) {
            written(u.pageId());
        }
    }

    private void write(PageUpdate u) throws SQLException {
        {
            writePending(u.pageId());
            insertRevisions(u);
            insertBullets(u.bullets());
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT OR REPLACE INTO observations (revision_id, position, bullet_key, event_id) VALUES (?,?,?,?)")) {
                for (Observation o : u.observations()) {
                    ps.setLong(1, o.revisionId());
                    ps.setInt(2, o.position());
                    ps.setString(3, o.bulletKey());
                    ps.setString(4, o.eventId());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE revisions SET reverted = ? WHERE id = ?")) {
                for (Map.Entry<Long, Boolean> e : u.revertedFlags().entrySet()) {
                    ps.setInt(1, e.getValue() ? 1 : 0);
                    ps.setLong(2, e.getKey());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT OR REPLACE INTO versions (event_id, revision_id, bullet_key, undone_by) VALUES (?,?,?,?)")) {
                for (StoredVersion v : u.versions()) {
                    ps.setString(1, v.eventId());
                    ps.setLong(2, v.revisionId());
                    ps.setString(3, v.bulletKey());
                    ps.setLong(4, v.undoneBy());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps =
                    c.prepareStatement("UPDATE versions SET undone_by = ? WHERE event_id = ? AND revision_id = ?")) {
                for (StoredVersion v : u.undone()) {
                    ps.setLong(1, v.undoneBy());
                    ps.setString(2, v.eventId());
                    ps.setLong(3, v.revisionId());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            if (!u.events().isEmpty() || !u.deletedEvents().isEmpty()) {
                long seq = nextSequence();
                writeEvents(u.events(), u.bullets(), seq);
                deleteEvents(u.deletedEvents());
            }
        }
    }

    private void insertRevisions(PageUpdate u) throws SQLException {
        try (PreparedStatement rev = c.prepareStatement("INSERT INTO revisions (id, page_id, parent_id, timestamp,"
                        + " contributor, comment, sha1, text_hidden, event_count, problem_count, base_id, reverted)"
                        + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (id) DO UPDATE SET base_id = excluded.base_id,"
                        + " reverted = excluded.reverted WHERE revisions.page_id = excluded.page_id");
                PreparedStatement text = c.prepareStatement("INSERT INTO wikitext (revision_id, text) VALUES (?,?)");
                PreparedStatement prob =
                        c.prepareStatement("INSERT INTO problems (revision_id, line, col, message) VALUES (?,?,?,?)")) {
            for (PageUpdate.NewRevision n : u.revisions()) {
                Revision r = n.revision();
                rev.setLong(1, r.id());
                rev.setLong(2, u.pageId());
                rev.setLong(3, r.parentId());
                rev.setString(4, Codec.instant(r.timestamp()));
                rev.setString(5, r.contributor());
                rev.setString(6, r.comment());
                rev.setString(7, r.sha1());
                rev.setInt(8, r.textHidden() ? 1 : 0);
                rev.setInt(9, n.eventCount());
                rev.setInt(10, n.problemCount());
                rev.setLong(11, n.baseId());
                rev.setInt(12, n.reverted() ? 1 : 0);
                rev.addBatch();
                if (n.keepText()) {
                    text.setLong(1, r.id());
                    text.setString(2, r.text());
                    text.addBatch();
                }
                int kept = 0;
                for (Problem p : n.problems()) {
                    if (kept++ == PROBLEMS_PER_REVISION) {
                        break;
                    }
                    prob.setLong(1, r.id());
                    prob.setInt(2, p.line());
                    prob.setInt(3, p.column());
                    prob.setString(4, p.message());
                    prob.addBatch();
                }
            }
            int[] written = rev.executeBatch();
            for (int k = 0; k < written.length; k++) {
                if (written[k] == 0) {
                    // the upsert skipped it: the id is stored, under another page
                    long id = u.revisions().get(k).revision().id();
                    throw new IllegalStateException("revision " + id + " belongs to page " + pageOf(id)
                            + " in the archive, not to page " + u.pageId());
                }
            }
            text.executeBatch();
            prob.executeBatch();
        }
    }

    private long pageOf(long revisionId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT page_id FROM revisions WHERE id = ?")) {
            ps.setLong(1, revisionId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    private void insertBullets(Map<String, ParsedEvent> bullets) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT OR IGNORE INTO bullets (key, category, stories, text,"
                + " links, sources, unsourced) VALUES (?,?,?,?,?,?,?)")) {
            for (Map.Entry<String, ParsedEvent> e : bullets.entrySet()) {
                ParsedEvent b = e.getValue();
                ps.setString(1, e.getKey());
                ps.setString(2, b.category());
                ps.setString(3, Codec.strings(b.stories()));
                ps.setString(4, b.text());
                ps.setString(5, Codec.strings(b.links()));
                ps.setString(6, Codec.sources(b.sources()));
                ps.setInt(7, b.unsourced() ? 1 : 0);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private long nextSequence() throws SQLException {
        try (Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE marks SET value = value + 1 WHERE name = 'seq'");
            try (ResultSet rs = st.executeQuery("SELECT value FROM marks WHERE name = 'seq'")) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private void writeEvents(List<EventRow> rows, Map<String, ParsedEvent> bullets, long seq) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT OR REPLACE INTO events (id, page_id, day,"
                        + " first_revision_id, bullet_key, position, status, removed_revision_id, removed_at,"
                        + " changed_seq) VALUES (?,?,?,?,?,?,?,?,?,?)");
                PreparedStatement del = c.prepareStatement("DELETE FROM citations WHERE event_id = ?");
                PreparedStatement cite =
                        c.prepareStatement("INSERT INTO citations (event_id, ord, url) VALUES (?,?,?)")) {
            for (EventRow r : rows) {
                ps.setString(1, r.id());
                ps.setLong(2, r.pageId());
                ps.setString(3, r.day().toString());
                ps.setLong(4, r.firstRevisionId());
                ps.setString(5, r.bulletKey());
                ps.setInt(6, r.position());
                ps.setString(7, r.status().label());
                ps.setLong(8, r.removedRevisionId());
                ps.setString(9, Codec.instant(r.removedAt()));
                ps.setLong(10, seq);
                ps.addBatch();
                del.setString(1, r.id());
                del.addBatch();
                ParsedEvent b = bullets.get(r.bulletKey());
                if (b == null) {
                    throw new IllegalStateException("event " + r.id() + " refers to bullet " + r.bulletKey()
                            + " that the update does not carry");
                }
                for (int k = 0; k < b.sources().size(); k++) {
                    cite.setString(1, r.id());
                    cite.setInt(2, k);
                    cite.setString(3, b.sources().get(k).url());
                    cite.addBatch();
                }
            }
            ps.executeBatch();
            del.executeBatch();
            cite.executeBatch();
        }
    }

    private void deleteEvents(List<String> ids) throws SQLException {
        try (PreparedStatement ev = c.prepareStatement("DELETE FROM events WHERE id = ?");
                PreparedStatement ci = c.prepareStatement("DELETE FROM citations WHERE event_id = ?");
                PreparedStatement cx = c.prepareStatement("DELETE FROM contexts WHERE event_id = ?")) {
            for (String id : ids) {
                for (PreparedStatement ps : List.of(ev, ci, cx)) {
                    ps.setString(1, id);
                    ps.addBatch();
                }
            }
            ev.executeBatch();
            ci.executeBatch();
            cx.executeBatch();
        }
    }

    @Override
    public void resetHistories() {
        tx("reset histories", () -> {
            try (Statement st = c.createStatement()) {
                for (String sql : List.of(
                        "DELETE FROM versions",
                        "DELETE FROM events",
                        "DELETE FROM citations",
                        "DELETE FROM contexts",
                        "DELETE FROM moves",
                        "DELETE FROM event_aliases",
                        "DELETE FROM marks WHERE name <> 'seq'",
                        "UPDATE observations SET event_id = ''",
                        "UPDATE revisions SET base_id = 0, reverted = 0")) {
                    st.executeUpdate(sql);
                }
            }
            return null;
        });
    }

    // ---- histories across pages

    @Override
    public void mergeMovedEvent(String keptId, String mergedId, Move move) {
        tx("merge moved event " + mergedId + " into " + keptId, () -> {
            for (String sql : List.of(
                    "UPDATE versions SET event_id = ?1 WHERE event_id = ?2",
                    "UPDATE observations SET event_id = ?1 WHERE event_id = ?2 AND revision_id IN (SELECT r.id FROM"
                            + " revisions r JOIN events e ON e.page_id = r.page_id WHERE e.id = ?2)",
                    "UPDATE event_aliases SET event_id = ?1 WHERE event_id = ?2",
                    "UPDATE moves SET event_id = ?1 WHERE event_id = ?2",
                    "DELETE FROM contexts WHERE event_id = ?1 OR event_id = ?2",
                    "DELETE FROM citations WHERE event_id = ?1",
                    "UPDATE citations SET event_id = ?1 WHERE event_id = ?2")) {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    // ?1 is the kept event, ?2 the merged one; not every statement uses both
                    int params = ps.getParameterMetaData().getParameterCount();
                    for (int k = 1; k <= params; k++) {
                        ps.setString(k, k == 1 ? keptId : mergedId);
                    }
                    ps.executeUpdate();
                }
            }
            long seq = nextSequence();
            // the kept event now lives where the merged one does, and keeps its first revision
            try (PreparedStatement ps = c.prepareStatement("UPDATE events SET (page_id, day, bullet_key, position,"
                    + " status, removed_revision_id, removed_at, changed_seq) = (SELECT m.page_id, m.day, m.bullet_key,"
                    + " m.position, m.status, m.removed_revision_id, m.removed_at, ?3 FROM events m WHERE m.id = ?2)"
                    + " WHERE id = ?1")) {
                ps.setString(1, keptId);
                ps.setString(2, mergedId);
                ps.setLong(3, seq);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM events WHERE id = ?")) {
                ps.setString(1, mergedId);
                ps.executeUpdate();
            }
            try (PreparedStatement ps =
                    c.prepareStatement("INSERT OR REPLACE INTO event_aliases (alias, event_id) VALUES (?,?)")) {
                ps.setString(1, mergedId);
                ps.setString(2, keptId);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO moves (event_id, merged_id, from_day, to_day,"
                    + " removed_revision_id, added_revision_id) VALUES (?,?,?,?,?,?)")) {
                ps.setString(1, keptId);
                ps.setString(2, mergedId);
                ps.setString(3, move.fromDay().toString());
                ps.setString(4, move.toDay().toString());
                ps.setLong(5, move.removedRevisionId());
                ps.setLong(6, move.addedRevisionId());
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public List<EventSketch> removedEvents(long sinceSequence) {
        return read(
                "list removed events",
                () -> sketches(
                        "SELECT e.id, e.page_id, e.day, e.removed_revision_id,"
                                + " e.removed_at, b.text, b.sources FROM events e JOIN bullets b ON b.key = e.bullet_key"
                                + " WHERE e.status = 'removed' AND e.changed_seq >= ? ORDER BY e.removed_at",
                        sinceSequence));
    }

    @Override
    public List<EventSketch> createdEvents(long sinceSequence) {
        return read(
                "list created events",
                () -> sketches(
                        "SELECT e.id, e.page_id, e.day, e.first_revision_id,"
                                + " r.timestamp, b.text, b.sources FROM events e JOIN revisions r ON r.id = e.first_revision_id"
                                + " JOIN versions v ON v.event_id = e.id AND v.revision_id = e.first_revision_id"
                                + " JOIN bullets b ON b.key = v.bullet_key WHERE e.changed_seq >= ? ORDER BY r.timestamp",
                        sinceSequence));
    }

    private List<EventSketch> sketches(String sql, long since) throws SQLException {
        List<EventSketch> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, since);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    List<String> urls = new ArrayList<>();
                    Codec.sources(rs.getString(7)).forEach(s -> urls.add(s.url()));
                    out.add(new EventSketch(
                            rs.getString(1),
                            rs.getLong(2),
                            LocalDate.parse(rs.getString(3)),
                            rs.getLong(4),
                            Codec.instant(rs.getString(5)),
                            rs.getString(6),
                            urls));
                }
            }
        }
        return out;
    }

    // ---- contexts and marks

    @Override
    public List<String> eventsChangedSince(long sequence) {
        return read("list changed events", () -> {
            List<String> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM events WHERE changed_seq > ?")) {
                ps.setLong(1, sequence);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
            }
            return ids;
        });
    }

    @Override
    public Map<String, ParsedEvent> latestContent(Collection<String> eventIds) {
        return read("read content of " + eventIds.size() + " events", () -> {
            Map<String, ParsedEvent> out = new HashMap<>();
            List<String> list = new ArrayList<>(eventIds);
            for (int from = 0; from < list.size(); from += 500) {
                List<String> chunk = list.subList(from, Math.min(list.size(), from + 500));
                String sql = "SELECT e.id, b.category, b.stories, b.text, b.links, b.sources, b.unsourced"
                        + " FROM events e JOIN bullets b ON b.key = e.bullet_key WHERE e.id IN ("
                        + "?,".repeat(chunk.size()).replaceAll(",$", "") + ")";
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    for (int k = 0; k < chunk.size(); k++) {
                        ps.setString(k + 1, chunk.get(k));
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.put(rs.getString(1), bullet(rs, 2));
                        }
                    }
                }
            }
            return out;
        });
    }

    @Override
    public long changeSequence() {
        return mark("seq");
    }

    @Override
    public void replaceContexts(Map<String, List<Context>> contextsByEvent) {
        tx("replace contexts of " + contextsByEvent.size() + " events", () -> {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM contexts WHERE event_id = ?");
                    PreparedStatement ins = c.prepareStatement(
                            "INSERT OR IGNORE INTO contexts (event_id, key, title) VALUES (?,?,?)")) {
                for (Map.Entry<String, List<Context>> e : contextsByEvent.entrySet()) {
                    del.setString(1, e.getKey());
                    del.addBatch();
                    for (Context x : e.getValue()) {
                        ins.setString(1, e.getKey());
                        ins.setString(2, x.key());
                        ins.setString(3, x.title());
                        ins.addBatch();
                    }
                }
                del.executeBatch();
                ins.executeBatch();
            }
            return null;
        });
    }

    @Override
    public void setMark(String name, long sequence) {
        tx("set mark " + name, () -> {
            try (PreparedStatement ps =
                    c.prepareStatement("INSERT OR REPLACE INTO marks (name, value) VALUES (?, ?)")) {
                ps.setString(1, name);
                ps.setLong(2, sequence);
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public long mark(String name) {
        return read("read mark " + name, () -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT value FROM marks WHERE name = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : 0L;
                }
            }
        });
    }

    // ---- reading the archive

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
    public List<org.currents.store.EventSummary> eventSummaries() {
        return read("summarise events", events::summaries);
    }

    @Override
    public Set<String> eventsWithSourceMetaSince(java.time.Instant since) {
        return read("list events with new source metadata", () -> {
            Set<String> ids = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT c.event_id FROM citations c"
                    + " JOIN source_meta m ON m.url = c.url WHERE c.ord = 0 AND m.fetched_at >= ?")) {
                ps.setString(1, Codec.instant(since));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
            }
            return ids;
        });
    }

    @Override
    public Map<String, Long> stats() {
        return read("count the archive", events::stats);
    }

    // ---- sources

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

    // ---- redirects

    @Override
    public Map<String, String> redirectTargets(Collection<String> titles) {
        return redirects.redirectTargets(titles);
    }

    @Override
    public void saveRedirects(Map<String, String> targets, java.time.Instant resolvedAt) {
        tx("save " + targets.size() + " redirects", () -> {
            redirects.saveRedirects(targets, resolvedAt);
            return null;
        });
    }

    @Override
    public List<String> redirectsResolvedBefore(java.time.Instant before, int limit) {
        return redirects.redirectsResolvedBefore(before, limit);
    }
}
