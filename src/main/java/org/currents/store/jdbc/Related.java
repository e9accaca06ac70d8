package org.currents.store.jdbc;

import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.currents.store.RelatedStore.Listed;
import org.currents.store.RelatedStore.Member;

/**
 * The related-events index (tables {@code related_members} and {@code related} of V7), one SQL
 * for SQLite and PostgreSQL ({@code ON CONFLICT ... DO UPDATE}; ids and days compared byte by
 * byte on both, so that ties rank alike).
 */
final class Related {
    /** Ranks a list may hold: SPEC.md's Related lists hold at most 5. */
    private static final int RANKS = 5;

    private final Jdbc jdbc;

    Related(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    Map<String, Member> currentMembers(Collection<String> ids) throws SQLException {
        Map<String, Member> out = new HashMap<>();
        jdbc.forEachIn(
                "SELECT e.id, e.day, e.position, e.status, b.unsourced"
                        + " FROM events e JOIN bullets b ON b.key = e.bullet_key WHERE e.id IN",
                ids,
                rs -> out.put(
                        rs.getString(1),
                        new Member(
                                rs.getString(1),
                                LocalDate.parse(rs.getString(2)),
                                rs.getInt(3),
                                rs.getString(4).toLowerCase(Locale.ROOT).equals("current") && rs.getInt(5) == 0)));
        return out;
    }

    Map<String, Member> indexedMembers(Collection<String> ids) throws SQLException {
        Map<String, Member> out = new HashMap<>();
        jdbc.forEachIn(
                "SELECT event_id, day, position, eligible FROM related_members WHERE event_id IN",
                ids,
                rs -> out.put(
                        rs.getString(1),
                        new Member(
                                rs.getString(1), LocalDate.parse(rs.getString(2)), rs.getInt(3), rs.getInt(4) != 0)));
        return out;
    }

    /** Members no longer events; cheap when there are none (two counts), as after most commits. */
    List<String> indexedButGone() throws SQLException {
        boolean more = jdbc.first(
                        "SELECT (SELECT count(*) FROM related_members) - (SELECT count(*) FROM events)",
                        rs -> rs.getLong(1) > 0)
                .orElse(false);
        if (!more) {
            return List.of();
        }
        return jdbc.list(
                "SELECT m.event_id FROM related_members m WHERE NOT EXISTS"
                        + " (SELECT 1 FROM events e WHERE e.id = m.event_id)",
                rs -> rs.getString(1));
    }

    void saveMembers(Collection<Member> members) throws SQLException {
        jdbc.batch(
                "INSERT INTO related_members (event_id, day, position, eligible, list_seq) VALUES (?,?,?,?,0)"
                        + " ON CONFLICT (event_id) DO UPDATE SET day = excluded.day, position = excluded.position,"
                        + " eligible = excluded.eligible",
                members,
                m -> new Object[] {m.id(), m.day().toString(), m.position(), m.eligible() ? 1 : 0});
    }

    void forgetMembers(Collection<String> ids) throws SQLException {
        jdbc.batch("DELETE FROM related_members WHERE event_id = ?", ids, id -> new Object[] {id});
        jdbc.batch("DELETE FROM related WHERE event_id = ?", ids, id -> new Object[] {id});
    }

    void clear() throws SQLException {
        jdbc.update("DELETE FROM related");
        jdbc.update("DELETE FROM related_members");
    }

    Map<String, List<Listed>> lists(Collection<String> ids) throws SQLException {
        Map<String, Listed[]> ranked = new HashMap<>();
        for (String id : ids) {
            ranked.put(id, new Listed[RANKS]);
        }
        jdbc.forEachIn(
                "SELECT event_id, rank, related_id, shared FROM related WHERE event_id IN",
                ids,
                rs -> ranked.get(rs.getString(1))[rs.getInt(2) - 1] = new Listed(rs.getString(3), rs.getInt(4)));
        Map<String, List<Listed>> out = new HashMap<>();
        for (Map.Entry<String, Listed[]> e : ranked.entrySet()) {
            List<Listed> l = new ArrayList<>(RANKS);
            for (Listed x : e.getValue()) {
                if (x != null) {
                    l.add(x);
                }
            }
            out.put(e.getKey(), l);
        }
        return out;
    }

    Map<String, List<Listed>> all() throws SQLException {
        Map<String, List<Listed>> out = new LinkedHashMap<>();
        jdbc.forEach(
                "SELECT event_id, related_id, shared FROM related ORDER BY event_id, rank",
                rs -> out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>(5))
                        .add(new Listed(rs.getString(2), rs.getInt(3))));
        return out;
    }

    void replaceAll(Collection<Member> members, Map<String, List<Listed>> lists, long sequence) throws SQLException {
        Set<String> ids = new HashSet<>(members.size() * 4 / 3 + 1);
        members.forEach(m -> ids.add(m.id()));
        for (Map.Entry<String, List<Listed>> e : lists.entrySet()) {
            if (!ids.contains(e.getKey())) {
                throw new IllegalArgumentException("a Related list of an event that is not a member: " + e.getKey());
            }
            checkSize(e.getKey(), e.getValue());
        }
        clear();
        // in key order, the tables' and their indexes' first column: each B-tree grows at its end
        List<Member> sorted = new ArrayList<>(members);
        sorted.sort(java.util.Comparator.comparing(Member::id));
        jdbc.batch(
                "INSERT INTO related_members (event_id, day, position, eligible, list_seq) VALUES (?,?,?,?,?)",
                sorted,
                m -> new Object[] {m.id(), m.day().toString(), m.position(), m.eligible() ? 1 : 0, sequence});
        List<Object[]> rows = new ArrayList<>();
        for (Member m : sorted) {
            int rank = 1;
            for (Listed l : lists.getOrDefault(m.id(), List.of())) {
                rows.add(new Object[] {m.id(), rank++, l.id(), l.shared()});
            }
        }
        jdbc.batch("INSERT INTO related (event_id, rank, related_id, shared) VALUES (?,?,?,?)", rows, r -> r);
    }

    private static void checkSize(String id, List<Listed> list) {
        if (list.size() > RANKS) {
            throw new IllegalArgumentException(
                    "a Related list holds at most " + RANKS + " events: " + id + " has " + list.size());
        }
    }

    void saveLists(Map<String, List<Listed>> lists, long sequence) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        for (Map.Entry<String, List<Listed>> e : lists.entrySet()) {
            checkSize(e.getKey(), e.getValue());
            int rank = 1;
            for (Listed l : e.getValue()) {
                rows.add(new Object[] {e.getKey(), rank++, l.id(), l.shared()});
            }
        }
        jdbc.batch("DELETE FROM related WHERE event_id = ?", lists.keySet(), id -> new Object[] {id});
        jdbc.batch("INSERT INTO related (event_id, rank, related_id, shared) VALUES (?,?,?,?)", rows, r -> r);
        jdbc.batch("UPDATE related_members SET list_seq = ? WHERE event_id = ?", lists.keySet(), id ->
                new Object[] {sequence, id});
    }

    Set<String> listing(Collection<String> ids) throws SQLException {
        Set<String> out = new HashSet<>();
        jdbc.forEachIn("SELECT event_id FROM related WHERE related_id IN", ids, rs -> out.add(rs.getString(1)));
        return out;
    }

    Map<String, Set<String>> withContexts(Collection<String> keys) throws SQLException {
        Map<String, Set<String>> out = new HashMap<>();
        jdbc.forEachIn(
                "SELECT event_id, key FROM contexts WHERE key IN",
                keys,
                rs -> out.computeIfAbsent(rs.getString(1), k -> new HashSet<>(4))
                        .add(rs.getString(2)));
        return out;
    }

    List<Listed> rank(String id, int limit) throws SQLException {
        return jdbc.list(
                "SELECT c2.event_id, count(*) AS n FROM contexts c1"
                        + " JOIN contexts c2 ON c2.key = c1.key AND c2.event_id <> c1.event_id"
                        + " JOIN related_members m ON m.event_id = c2.event_id AND m.eligible = 1"
                        + " WHERE c1.event_id = ?"
                        + " GROUP BY c2.event_id, m.day, m.position"
                        + " ORDER BY n DESC, m.day DESC, m.position, c2.event_id LIMIT ?",
                rs -> new Listed(rs.getString(1), rs.getInt(2)),
                id,
                limit);
    }

    Set<String> changedSince(long sequence) throws SQLException {
        return new HashSet<>(
                jdbc.list("SELECT event_id FROM related_members WHERE list_seq > ?", rs -> rs.getString(1), sequence));
    }
}
