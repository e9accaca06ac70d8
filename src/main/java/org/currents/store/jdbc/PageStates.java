package org.currents.store.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.currents.model.EventStatus;
import org.currents.model.ParsedEvent;
import org.currents.model.WikiPage;
import org.currents.store.EventRow;
import org.currents.store.Observation;
import org.currents.store.PageState;
import org.currents.store.StoredRevision;
import org.currents.store.StoredVersion;

/**
 * Loads the history state of a page, for the version tracker to continue it: its revisions,
 * the bullets observed in them, the versions and event rows they make, and the events that
 * moved away to other days. A pending page (no row yet) has an empty state.
 */
final class PageStates {
    private final Jdbc jdbc;
    private final Pages pages;

    PageStates(Jdbc jdbc, Pages pages) {
        this.jdbc = jdbc;
        this.pages = pages;
    }

    PageState pageState(long pageId) throws SQLException {
        WikiPage waiting = pages.pending(pageId);
        if (waiting != null) {
            return new PageState(pageId, waiting, List.of(), List.of(), Map.of(), List.of(), Map.of(), Set.of());
        }
        WikiPage page = page(pageId);
        List<StoredRevision> revisions = revisions(pageId);
        List<Observation> observations = observations(pageId);
        Set<String> observed = new LinkedHashSet<>();
        observations.forEach(o -> observed.add(o.eventId()));
        List<StoredVersion> versions = versions(observed);
        Set<String> keys = new HashSet<>();
        observations.forEach(o -> keys.add(o.bulletKey()));
        versions.forEach(v -> keys.add(v.bulletKey()));
        Map<String, ParsedEvent> bullets = bullets(keys);
        return new PageState(
                pageId,
                page,
                revisions,
                observations,
                bullets,
                versions,
                eventRows(pageId),
                movedAway(pageId, observed));
    }

    private WikiPage page(long pageId) throws SQLException {
        return jdbc.first(
                        "SELECT title, day, wiki_page_id FROM pages WHERE id = ?",
                        rs -> new WikiPage(rs.getString(1), LocalDate.parse(rs.getString(2)), rs.getLong(3)),
                        pageId)
                .orElseThrow(() -> new SQLException("no page " + pageId));
    }

    private List<StoredRevision> revisions(long pageId) throws SQLException {
        return jdbc.list(
                "SELECT id, parent_id, timestamp, contributor, comment, sha1, text_hidden, event_count,"
                        + " problem_count, base_id, reverted FROM revisions WHERE page_id = ? ORDER BY timestamp, id",
                rs -> new StoredRevision(
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
                        rs.getInt(11) != 0),
                pageId);
    }

    /** The page's observations, by revision id, then position. */
    private List<Observation> observations(long pageId) throws SQLException {
        List<Observation> out = new ArrayList<>();
        jdbc.forEach(
                "SELECT o.revision_id, o.packed FROM observed o JOIN revisions r ON r.id = o.revision_id"
                        + " WHERE r.page_id = ? ORDER BY o.revision_id",
                rs -> out.addAll(PackedObservations.unpack(rs.getLong(1), rs.getBytes(2))),
                pageId);
        return out;
    }

    /** The versions of the events {@code ids}: those observed on the page. */
    private List<StoredVersion> versions(Collection<String> ids) throws SQLException {
        List<StoredVersion> out = new ArrayList<>();
        jdbc.forEachIn(
                "SELECT event_id, revision_id, bullet_key, undone_by FROM versions WHERE event_id IN",
                ids,
                rs -> out.add(new StoredVersion(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getLong(4))));
        return out;
    }

    private Map<String, ParsedEvent> bullets(Collection<String> keys) throws SQLException {
        Map<String, ParsedEvent> out = new HashMap<>();
        jdbc.forEachIn(
                "SELECT key, category, stories, text, links, sources, unsourced FROM bullets WHERE key IN",
                keys,
                rs -> out.put(rs.getString(1), bullet(rs, 2)));
        return out;
    }

    private Map<String, EventRow> eventRows(long pageId) throws SQLException {
        Map<String, EventRow> rows = new LinkedHashMap<>();
        jdbc.forEach(
                "SELECT id, page_id, day, first_revision_id, bullet_key, position, status, removed_revision_id,"
                        + " removed_at FROM events WHERE page_id = ?",
                rs -> {
                    EventRow row = eventRow(rs);
                    rows.put(row.id(), row);
                },
                pageId);
        return rows;
    }

    /** Of the events {@code observed} on page {@code pageId}, those that now live on another page. */
    private Set<String> movedAway(long pageId, Collection<String> observed) throws SQLException {
        Set<String> out = new HashSet<>();
        jdbc.forEachIn("SELECT id, page_id FROM events WHERE id IN", observed, rs -> {
            if (rs.getLong(2) != pageId) {
                out.add(rs.getString(1));
            }
        });
        return out;
    }

    private static EventRow eventRow(ResultSet rs) throws SQLException {
        return new EventRow(
                rs.getString(1),
                rs.getLong(2),
                LocalDate.parse(rs.getString(3)),
                rs.getLong(4),
                rs.getString(5),
                rs.getInt(6),
                EventStatus.valueOf(rs.getString(7).toUpperCase(Locale.ROOT)),
                rs.getLong(8),
                Codec.instant(rs.getString(9)));
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
}
