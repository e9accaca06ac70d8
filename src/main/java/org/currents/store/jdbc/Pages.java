package org.currents.store.jdbc;

import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.currents.model.WikiPage;
import org.currents.store.StoredPage;

/**
 * Day pages and the ids of their revisions. A new page gets its id from {@link #allocate} but
 * its row only with its first commit ({@link #writePending}), in the same transaction as its
 * revisions: an import that breaks inside a page leaves no trace of it. Until then the page is
 * <em>pending</em>, known only to this object.
 */
final class Pages {
    private static final String INSERT = "INSERT INTO pages (id, title, day, wiki_page_id) VALUES (?,?,?,?)";

    private final Jdbc jdbc;
    private final Dialect dialect;
    // pages handed an id by allocate() whose row waits for their first commit, by id and by title
    private final Map<Long, WikiPage> pending = new HashMap<>();
    private final Map<String, Long> pendingIds = new HashMap<>();

    Pages(Jdbc jdbc, Dialect dialect) {
        this.jdbc = jdbc;
        this.dialect = dialect;
    }

    /** The id of the pending page titled {@code title}, or null. */
    Long pendingId(String title) {
        return pendingIds.get(title);
    }

    /** The pending page with id {@code pageId}, or null. */
    WikiPage pending(long pageId) {
        return pending.get(pageId);
    }

    /** The id of the stored row of page {@code title}, or null. */
    Long storedId(String title) throws SQLException {
        return jdbc.first("SELECT id FROM pages WHERE title = ?", rs -> rs.getLong(1), title)
                .orElse(null);
    }

    /** Hands {@code page} a new id and keeps it pending; the caller holds a write transaction. */
    long allocate(WikiPage page) throws SQLException {
        long id = nextId();
        pending.put(id, page);
        pendingIds.put(page.title(), id);
        return id;
    }

    /** A new page id from the database ({@link Dialect#nextPageId}), which no other process gets. */
    private long nextId() throws SQLException {
        return dialect.nextPageId(jdbc);
    }

    /** Writes the row of pending page {@code pageId}; true when there was one. */
    boolean writePending(long pageId) throws SQLException {
        WikiPage p = pending.get(pageId);
        if (p == null) {
            return false;
        }
        // inside the commit's write transaction: the id was handed out before it, so make sure no
        // other process took it or wrote the page meanwhile (history writers hold the archive's
        // writer lock, so only a program that does not would), rather than fail on a key
        Long taken = jdbc.first(
                        "SELECT id FROM pages WHERE id = ? OR title = ?", rs -> rs.getLong(1), pageId, p.title())
                .orElse(null);
        if (taken != null) {
            throw new IllegalStateException("page \"" + p.title() + "\" (id " + pageId + ") was written by another"
                    + " process since this one began it; run the command again");
        }
        insert(pageId, p);
        return true;
    }

    /** Forgets that page {@code pageId} is pending: its row is committed. */
    void written(long pageId) {
        WikiPage p = pending.remove(pageId);
        if (p != null) {
            pendingIds.remove(p.title());
        }
    }

    private void insert(long id, WikiPage page) throws SQLException {
        jdbc.update(INSERT, id, page.title(), page.day().toString(), page.wikiPageId());
    }

    /**
     * Writes or updates the row of {@code page}, which is not pending, and returns its id: a new
     * row takes an id no pending page holds; a stored one takes the page's wiki id if it has one.
     */
    long upsert(WikiPage page) throws SQLException {
        if (storedId(page.title()) == null) {
            long id = nextId();
            insert(id, page);
            return id;
        }
        // A page a source announces exists (again): a day page live sync found missing may be
        // created later (markMissing sets the flag right after this).
        jdbc.update(
                "UPDATE pages SET wiki_page_id = CASE WHEN ? <> 0 THEN ? ELSE wiki_page_id END, missing = 0"
                        + " WHERE title = ?",
                page.wikiPageId(),
                page.wikiPageId(),
                page.title());
        return storedId(page.title());
    }

    /** Writes {@code page}'s row, from pending if it waits there, and flags it missing. */
    void markMissing(WikiPage page) throws SQLException {
        Long waiting = pendingIds.get(page.title());
        long id = waiting != null && writePending(waiting) ? waiting : upsert(page);
        jdbc.update("UPDATE pages SET missing = 1 WHERE id = ?", id);
    }

    void deleteIfEmpty(long pageId) throws SQLException {
        jdbc.update(
                "DELETE FROM pages WHERE id = ? AND missing = 0"
                        + " AND NOT EXISTS (SELECT 1 FROM revisions r WHERE r.page_id = pages.id)",
                pageId);
    }

    Set<Long> revisionIds(long pageId) throws SQLException {
        return new HashSet<>(jdbc.list("SELECT id FROM revisions WHERE page_id = ?", rs -> rs.getLong(1), pageId));
    }

    Map<Long, Long> knownRevisions(Collection<Long> ids) throws SQLException {
        Map<Long, Long> out = new HashMap<>();
        jdbc.forEachIn(
                "SELECT id, page_id FROM revisions WHERE id IN", ids, rs -> out.put(rs.getLong(1), rs.getLong(2)));
        return out;
    }

    long newestRevisionId(long pageId) throws SQLException {
        return jdbc.first(
                        "SELECT id FROM revisions WHERE page_id = ? ORDER BY timestamp DESC, id DESC LIMIT 1",
                        rs -> rs.getLong(1),
                        pageId)
                .orElse(0L);
    }

    /** The page that holds revision {@code revisionId}, or 0. */
    long pageOf(long revisionId) throws SQLException {
        return jdbc.first("SELECT page_id FROM revisions WHERE id = ?", rs -> rs.getLong(1), revisionId)
                .orElse(0L);
    }

    List<StoredPage> pages() throws SQLException {
        return jdbc.list(
                "SELECT p.id, p.title, p.day, p.missing,"
                        + " (SELECT count(*) FROM revisions r WHERE r.page_id = p.id),"
                        + " (SELECT r.id FROM revisions r WHERE r.page_id = p.id ORDER BY r.timestamp DESC, r.id DESC"
                        + " LIMIT 1) FROM pages p ORDER BY p.day",
                rs -> new StoredPage(
                        rs.getLong(1),
                        rs.getString(2),
                        LocalDate.parse(rs.getString(3)),
                        rs.getLong(5),
                        rs.getLong(6),
                        rs.getInt(4) != 0));
    }
}
