package org.currents.store.jdbc;

import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.currents.model.EventStatus;
import org.currents.store.SiteQueries.Brief;
import org.currents.store.SiteQueries.DayTally;
import org.currents.store.SiteQueries.Spelling;
import org.currents.store.SiteQueries.Touched;
import org.currents.store.SiteQueries.Touches;

/**
 * The web server's per-page queries ({@link org.currents.store.SiteQueries}), one SQL for SQLite
 * and PostgreSQL. Each goes through an index: {@code contexts_key} for a context's events, the
 * primary keys of {@code events}, {@code contexts} and {@code versions} for what those events
 * have, {@code versions_revision} for the versions of a revision. Days, ids, keys and times are
 * compared byte by byte on both ({@code COLLATE "C"} columns on PostgreSQL), so that orders agree
 * with Java's.
 */
final class SiteSql {
    private final Jdbc jdbc;

    SiteSql(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    List<DayTally> dayTallies() throws SQLException {
        return jdbc.list(
                "SELECT day, sum(CASE WHEN status = 'current' THEN 1 ELSE 0 END),"
                        + " sum(CASE WHEN status = 'current' THEN 0 ELSE 1 END) FROM events GROUP BY day ORDER BY day",
                rs -> new DayTally(LocalDate.parse(rs.getString(1)), rs.getInt(2), rs.getInt(3)));
    }

    List<Spelling> contextSpellings() throws SQLException {
        // every row once in event order, counted here: SQLite walks the events' id index and
        // the contexts' primary key side by side (CROSS JOIN keeps that order), where a GROUP BY
        // would sort 700k rows and a join by contexts_key would look up each event at random
        // (9 s against 0.2 s on the 201k-event archive); PostgreSQL plans it as a plain join
        Map<String, Map<String, Integer>> counts = new HashMap<>();
        jdbc.forEach(
                "SELECT x.key, x.title FROM events e CROSS JOIN contexts x WHERE x.event_id = e.id",
                rs -> counts.computeIfAbsent(rs.getString(1), k -> new HashMap<>(4))
                        .merge(rs.getString(2), 1, Integer::sum));
        List<Spelling> out = new ArrayList<>();
        counts.forEach((key, titles) -> titles.forEach((title, n) -> out.add(new Spelling(key, title, n))));
        return out;
    }

    List<Spelling> contextSpellings(Collection<String> keys) throws SQLException {
        Map<String, Map<String, Integer>> counts = new HashMap<>();
        jdbc.forEachIn(
                "SELECT x.key, x.title FROM contexts x JOIN events e ON e.id = x.event_id WHERE x.key IN",
                keys,
                rs -> counts.computeIfAbsent(rs.getString(1), k -> new HashMap<>(4))
                        .merge(rs.getString(2), 1, Integer::sum));
        List<Spelling> out = new ArrayList<>();
        counts.forEach((key, titles) -> titles.forEach((title, n) -> out.add(new Spelling(key, title, n))));
        return out;
    }

    Map<String, Integer> contextCounts() throws SQLException {
        // the contexts_key index alone, grouped in its order, as contextPagesAtMost
        Map<String, Integer> out = new HashMap<>();
        jdbc.forEach("SELECT key, count(*) FROM contexts GROUP BY key", rs -> out.put(rs.getString(1), rs.getInt(2)));
        return out;
    }

    long contextPagesAtMost(int perPage) throws SQLException {
        if (perPage < 1) {
            throw new IllegalArgumentException("perPage must be at least 1: " + perPage);
        }
        // the contexts_key index alone, grouped in its order (0.1 s for 700k rows); a join to the
        // events would look each up (1-2 s), and is not needed for a bound from above
        List<Long> n = jdbc.list(
                "SELECT CAST(count(*) + coalesce(sum((n - 1) / " + perPage + "), 0) AS BIGINT)"
                        + " FROM (SELECT count(*) AS n FROM contexts GROUP BY key) c",
                rs -> rs.getLong(1));
        return n.isEmpty() ? 0 : n.get(0);
    }

    List<Brief> contextEvents(String key, int offset, int limit) throws SQLException {
        return jdbc.list(
                "SELECT e.id, e.day, e.position, e.status, b.text FROM contexts x JOIN events e ON e.id = x.event_id"
                        + " JOIN bullets b ON b.key = e.bullet_key WHERE x.key = ?"
                        + " ORDER BY e.day DESC, e.position, e.id LIMIT ? OFFSET ?",
                SiteSql::brief,
                key,
                limit,
                offset);
    }

    Map<LocalDate, Integer> contextDays(String key) throws SQLException {
        Map<LocalDate, Integer> out = new TreeMap<>();
        jdbc.forEach(
                "SELECT e.day, count(*) FROM contexts x JOIN events e ON e.id = x.event_id WHERE x.key = ?"
                        + " GROUP BY e.day",
                rs -> out.put(LocalDate.parse(rs.getString(1)), rs.getInt(2)),
                key);
        return out;
    }

    Map<String, Integer> coContexts(String key) throws SQLException {
        Map<String, Integer> out = new HashMap<>();
        jdbc.forEach(
                "SELECT y.key, count(*) FROM contexts x JOIN events e ON e.id = x.event_id"
                        + " JOIN contexts y ON y.event_id = x.event_id WHERE x.key = ? AND y.key <> x.key GROUP BY y.key",
                rs -> out.put(rs.getString(1), rs.getInt(2)),
                key);
        return out;
    }

    List<Touched> contextTouched(String key) throws SQLException {
        return jdbc.list(
                "SELECT e.id, e.day, max(r.timestamp) FROM contexts x JOIN events e ON e.id = x.event_id"
                        + " JOIN versions v ON v.event_id = e.id JOIN revisions r ON r.id = v.revision_id"
                        + " WHERE x.key = ? GROUP BY e.id, e.day",
                rs -> new Touched(rs.getString(1), LocalDate.parse(rs.getString(2)), Codec.instant(rs.getString(3))),
                key);
    }

    Touches touchedBefore(Instant beforeTime, long beforeRevision, int limit) throws SQLException {
        // the revisions first (a scan of the small revisions table, kept to the newest by the
        // sort's limit), then their versions through versions_revision
        List<Object[]> revisions = new ArrayList<>();
        String cut = beforeTime == null ? "" : " WHERE timestamp < ? OR (timestamp = ? AND id < ?)";
        Object[] params = beforeTime == null
                ? new Object[] {limit}
                : new Object[] {Codec.instant(beforeTime), Codec.instant(beforeTime), beforeRevision, limit};
        jdbc.forEach(
                "SELECT id, timestamp FROM revisions" + cut + " ORDER BY timestamp DESC, id DESC LIMIT ?",
                rs -> revisions.add(new Object[] {rs.getLong(1), rs.getString(2)}),
                params);
        if (revisions.isEmpty()) {
            return new Touches(List.of(), beforeTime, beforeRevision, false);
        }
        Map<Long, List<String>> byRevision = new HashMap<>();
        List<Long> ids = new ArrayList<>();
        revisions.forEach(r -> ids.add((Long) r[0]));
        jdbc.forEachIn(
                "SELECT v.revision_id, v.event_id FROM versions v WHERE v.revision_id IN",
                ids,
                rs -> byRevision
                        .computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                        .add(rs.getString(2)));
        Map<String, LocalDate> days = new HashMap<>();
        List<String> events = new ArrayList<>();
        byRevision.values().forEach(events::addAll);
        jdbc.forEachIn(
                "SELECT id, day FROM events WHERE id IN",
                new java.util.HashSet<>(events),
                rs -> days.put(rs.getString(1), LocalDate.parse(rs.getString(2))));
        List<Touched> out = new ArrayList<>();
        for (Object[] r : revisions) {
            Instant at = Codec.instant((String) r[1]);
            List<String> of = new ArrayList<>(byRevision.getOrDefault((Long) r[0], List.of()));
            of.sort(null);
            for (String id : of) {
                LocalDate day = days.get(id);
                if (day != null) {
                    out.add(new Touched(id, day, at));
                }
            }
        }
        Object[] last = revisions.get(revisions.size() - 1);
        return new Touches(out, Codec.instant((String) last[1]), (Long) last[0], revisions.size() == limit);
    }

    Map<String, Brief> briefs(Collection<String> ids) throws SQLException {
        Map<String, Brief> out = new LinkedHashMap<>();
        jdbc.forEachIn(
                "SELECT e.id, e.day, e.position, e.status, b.text FROM events e JOIN bullets b ON b.key = e.bullet_key"
                        + " WHERE e.id IN",
                ids,
                rs -> {
                    Brief b = brief(rs);
                    out.put(b.id(), b);
                });
        return out;
    }

    Map<String, List<String>> contextKeys(Collection<String> ids) throws SQLException {
        Map<String, List<String>> out = new HashMap<>();
        jdbc.forEachIn(
                "SELECT event_id, key FROM contexts WHERE event_id IN",
                ids,
                rs -> out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                        .add(rs.getString(2)));
        return out;
    }

    private static Brief brief(java.sql.ResultSet rs) throws SQLException {
        return new Brief(
                rs.getString(1),
                LocalDate.parse(rs.getString(2)),
                rs.getInt(3),
                EventStatus.valueOf(rs.getString(4).toUpperCase(Locale.ROOT)),
                rs.getString(5));
    }
}
