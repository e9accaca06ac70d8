package org.currents.store.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.currents.model.Context;
import org.currents.model.Event;
import org.currents.model.EventStatus;
import org.currents.model.EventVersion;
import org.currents.store.EventSummary;
import org.currents.store.VersionRules;

/**
 * The read side of the archive: events assembled from their derived rows, live versions,
 * contexts and moves, a day at a time (a handful of queries per day, whatever its size).
 */
final class Events {
    private final Jdbc jdbc;

    Events(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    List<LocalDate> days() throws SQLException {
        return jdbc.list("SELECT DISTINCT day FROM events ORDER BY day", rs -> LocalDate.parse(rs.getString(1)));
    }

    /** The event with id or alias {@code id}: its rows only, through the primary keys and indexes. */
    Optional<Event> byId(String id) throws SQLException {
        String resolved = jdbc.first("SELECT event_id FROM event_aliases WHERE alias = ?", rs -> rs.getString(1), id)
                .orElse(id);
        return of("e.id = ?", resolved).stream().findFirst();
    }

    private record Head(
            String id,
            LocalDate day,
            int position,
            EventStatus status,
            long removedRevision,
            Instant removedAt,
            String category,
            List<String> stories,
            boolean unsourced) {}

    List<Event> ofDay(LocalDate day) throws SQLException {
        return of("e.day = ?", day.toString());
    }

    /** The events that {@code where} (a condition on {@code events e}, one parameter) selects. */
    private List<Event> of(String where, String d) throws SQLException {
        Map<String, Head> heads = heads(where, d);
        if (heads.isEmpty()) {
            return List.of();
        }
        Map<String, List<EventVersion>> versions = versions(where, d);
        Map<String, List<Context>> contexts = contexts(where, d);
        Map<String, List<LocalDate>> moves = moves(where, d);
        List<Event> out = new ArrayList<>(heads.size());
        for (Head h : heads.values()) {
            List<EventVersion> vs = versions.get(h.id);
            if (vs == null || vs.isEmpty()) {
                continue; // no version counts: not part of the archive
            }
            out.add(new Event(
                    h.id,
                    h.day,
                    moves.getOrDefault(h.id, List.of()),
                    h.category,
                    h.stories,
                    contexts.getOrDefault(h.id, List.of()),
                    h.position,
                    h.status,
                    h.removedRevision,
                    h.removedAt,
                    h.unsourced,
                    vs));
        }
        return out;
    }

    /** The day's events without versions, contexts and moves, in page order. */
    private Map<String, Head> heads(String where, String param) throws SQLException {
        Map<String, Head> heads = new LinkedHashMap<>();
        jdbc.forEach(
                "SELECT e.id, e.position, e.status, e.removed_revision_id, e.removed_at, b.category, b.stories,"
                        + " b.unsourced, e.day FROM events e JOIN bullets b ON b.key = e.bullet_key"
                        + " WHERE " + where + " ORDER BY e.status = 'removed', e.position, e.id",
                rs -> heads.put(
                        rs.getString(1),
                        new Head(
                                rs.getString(1),
                                LocalDate.parse(rs.getString(9)),
                                rs.getInt(2),
                                EventStatus.valueOf(rs.getString(3).toUpperCase(Locale.ROOT)),
                                rs.getLong(4),
                                Codec.instant(rs.getString(5)),
                                rs.getString(6),
                                Codec.strings(rs.getString(7)),
                                rs.getInt(8) != 0)),
                param);
        return heads;
    }

    /** The versions of the day's events that count, as {@link VersionRules.History} makes them. */
    private Map<String, List<EventVersion>> versions(String where, String day) throws SQLException {
        Map<String, VersionRules.History> histories = new HashMap<>();
        jdbc.forEach(
                "SELECT v.event_id, v.revision_id, r.timestamp, r.contributor, r.comment, b.text, b.sources,"
                        + " r.reverted, v.undone_by FROM versions v JOIN events e ON e.id = v.event_id"
                        + " JOIN revisions r ON r.id = v.revision_id JOIN bullets b ON b.key = v.bullet_key"
                        + " WHERE " + where + " ORDER BY v.event_id, r.timestamp, r.id",
                rs -> histories
                        .computeIfAbsent(rs.getString(1), k -> new VersionRules.History())
                        .offer(
                                rs.getInt(8) != 0,
                                rs.getLong(9),
                                rs.getLong(2),
                                Codec.instant(rs.getString(3)),
                                rs.getString(4),
                                rs.getString(5),
                                rs.getString(6),
                                Codec.sources(rs.getString(7))),
                day);
        Map<String, List<EventVersion>> out = new HashMap<>();
        histories.forEach((id, h) -> out.put(id, h.versions()));
        return out;
    }

    private Map<String, List<Context>> contexts(String where, String day) throws SQLException {
        return contextsByEvent(
                "SELECT x.event_id, x.key, x.title FROM contexts x JOIN events e ON e.id = x.event_id" + " WHERE "
                        + where + " ORDER BY x.event_id, x.key",
                day);
    }

    /**
     * Contexts by event id from query {@code sql} of columns event_id, key, title; one {@link
     * Context} per spelling, shared by every event that has it (the whole archive's are 15,003
     * spellings of 192,540 rows in the large preset).
     */
    private Map<String, List<Context>> contextsByEvent(String sql, Object... params) throws SQLException {
        Map<String, List<Context>> out = new HashMap<>();
        Map<Context, Context> spellings = new HashMap<>();
        jdbc.forEach(
                sql,
                rs -> {
                    Context c = new Context(rs.getString(2), rs.getString(3));
                    Context shared = spellings.putIfAbsent(c, c);
                    out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>(4))
                            .add(shared != null ? shared : c);
                },
                params);
        return out;
    }

    private Map<String, List<LocalDate>> moves(String where, String day) throws SQLException {
        Map<String, List<LocalDate>> out = new HashMap<>();
        jdbc.forEach(
                "SELECT m.event_id, m.from_day FROM moves m JOIN events e ON e.id = m.event_id" + " WHERE " + where
                        + " ORDER BY m.rowid",
                rs -> {
                    List<LocalDate> list = out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>());
                    LocalDate from = LocalDate.parse(rs.getString(2));
                    if (!list.contains(from)) {
                        list.add(from);
                    }
                },
                day);
        return out;
    }

    /**
     * Every event in brief, by day, position and id. The query orders by the index on day and
     * position only, and events that share a position (rare: a removed one and its successor)
     * are put in id order here: ordering by id too made SQLite sort every row again in a
     * temporary tree (EXPLAIN QUERY PLAN), a third of the query's time on the large preset.
     */
    List<EventSummary> summaries() throws SQLException {
        Map<String, List<Context>> contexts =
                contextsByEvent("SELECT event_id, key, title FROM contexts ORDER BY event_id, key");
        List<EventSummary> out = jdbc.list(
                "SELECT e.id, e.day, e.position, e.status, b.unsourced, b.text"
                        + " FROM events e JOIN bullets b ON b.key = e.bullet_key ORDER BY e.day, e.position",
                rs -> new EventSummary(
                        rs.getString(1),
                        LocalDate.parse(rs.getString(2)),
                        rs.getInt(3),
                        EventStatus.valueOf(rs.getString(4).toUpperCase(Locale.ROOT)),
                        rs.getInt(5) != 0,
                        rs.getString(6),
                        contexts.getOrDefault(rs.getString(1), List.of())));
        for (int from = 0, to; from < out.size(); from = to) {
            EventSummary first = out.get(from);
            to = from + 1;
            while (to < out.size()
                    && out.get(to).position() == first.position()
                    && out.get(to).day().equals(first.day())) {
                to++;
            }
            if (to - from > 1) {
                out.subList(from, to).sort(java.util.Comparator.comparing(EventSummary::id));
            }
        }
        return out;
    }

    /** Ids of events whose first source's metadata was stored at or after {@code since}. */
    Set<String> withSourceMetaSince(Instant since) throws SQLException {
        return new HashSet<>(jdbc.list(
                "SELECT DISTINCT c.event_id FROM citations c JOIN source_meta m ON m.url = c.url"
                        + " WHERE c.ord = 0 AND m.fetched_at >= ?",
                rs -> rs.getString(1),
                Codec.instant(since)));
    }

    Map<String, Long> stats() throws SQLException {
        Map<String, Long> out = new LinkedHashMap<>();
        String[][] queries = {
            {"pages", "SELECT count(*) FROM pages"},
            {"pages_missing", "SELECT count(*) FROM pages WHERE missing = 1"},
            {"revisions", "SELECT count(*) FROM revisions"},
            {"revisions_reverted", "SELECT count(*) FROM revisions WHERE reverted = 1"},
            {"revisions_hidden", "SELECT count(*) FROM revisions WHERE text_hidden = 1"},
            {"observed_events", "SELECT COALESCE(sum(event_count), 0) FROM revisions"},
            {"distinct_bullets", "SELECT count(*) FROM bullets"},
            {"problems", "SELECT COALESCE(sum(problem_count), 0) FROM revisions"},
            {
                "events",
                "SELECT count(*) FROM events e WHERE EXISTS (SELECT 1 FROM versions v JOIN revisions r"
                        + " ON r.id = v.revision_id WHERE v.event_id = e.id AND " + VersionRules.countsSql("r", "v")
                        + ")"
            },
            {"events_current", "SELECT count(*) FROM events WHERE status = 'current'"},
            {"events_removed", "SELECT count(*) FROM events WHERE status = 'removed'"},
            {"events_moved", "SELECT count(DISTINCT event_id) FROM moves"},
            {
                "versions",
                "SELECT count(*) FROM versions v JOIN revisions r ON r.id = v.revision_id" + " WHERE "
                        + VersionRules.countsSql("r", "v")
            },
            {"contexts", "SELECT count(DISTINCT key) FROM contexts"},
            {"citations", "SELECT count(*) FROM citations"},
            {"sources_enriched", "SELECT count(*) FROM source_meta WHERE outcome = 'ok'"},
            {"sources_failed", "SELECT count(*) FROM source_meta WHERE outcome <> 'ok'"},
        };
        try (Statement st = jdbc.statement()) {
            for (String[] q : queries) {
                try (ResultSet rs = st.executeQuery(q[1])) {
                    rs.next();
                    out.put(q[0], rs.getLong(1));
                }
            }
        }
        Objects.requireNonNull(out.get("pages"));
        return out;
    }
}
