package org.currents.store.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.currents.model.Context;
import org.currents.model.ParsedEvent;

/**
 * Contexts of events and the marks they are indexed by: the change sequence (mark {@code seq},
 * moved on by every write that changes events) and named positions in it.
 */
final class Contexts {
    private final Jdbc jdbc;

    Contexts(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * In id order: the contexts indexer writes them in chunks, and a chunk of neighbouring ids
     * dirties far fewer pages of the contexts table than a chunk of random ones.
     */
    List<String> eventsChangedSince(long sequence) throws SQLException {
        return jdbc.list("SELECT id FROM events WHERE changed_seq > ? ORDER BY id", rs -> rs.getString(1), sequence);
    }

    Map<String, ParsedEvent> latestContent(Collection<String> eventIds) throws SQLException {
        Map<String, ParsedEvent> out = new HashMap<>();
        jdbc.forEachIn(
                "SELECT e.id, b.category, b.stories, b.text, b.links, b.sources, b.unsourced"
                        + " FROM events e JOIN bullets b ON b.key = e.bullet_key WHERE e.id IN",
                eventIds,
                rs -> out.put(rs.getString(1), PageStates.bullet(rs, 2)));
        return out;
    }

    /** Written in event id order (the table's), for locality; the rows do not depend on it. */
    void replaceContexts(Map<String, List<Context>> contextsByEvent) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        Map<String, List<Context>> sorted = new TreeMap<>(contextsByEvent);
        for (Map.Entry<String, List<Context>> e : sorted.entrySet()) {
            for (Context x : e.getValue()) {
                rows.add(new Object[] {e.getKey(), x.key(), x.title()});
            }
        }
        jdbc.batch("DELETE FROM contexts WHERE event_id = ?", sorted.keySet(), id -> new Object[] {id});
        jdbc.batch(
                "INSERT INTO contexts (event_id, key, title) VALUES (?,?,?) ON CONFLICT DO NOTHING",
                rows,
                params -> params);
    }

    void setMark(String name, long sequence) throws SQLException {
        jdbc.update(
                "INSERT INTO marks (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                name,
                sequence);
    }

    boolean hasMark(String name) throws SQLException {
        return jdbc.exists("SELECT 1 FROM marks WHERE name = ?", name);
    }

    void deleteMark(String name) throws SQLException {
        jdbc.update("DELETE FROM marks WHERE name = ?", name);
    }

    long mark(String name) throws SQLException {
        return jdbc.first("SELECT value FROM marks WHERE name = ?", rs -> rs.getLong(1), name)
                .orElse(0L);
    }

    /**
     * Moves the change sequence on by one and returns it; for writes, inside their transaction.
     * Once per page written: the two statements are kept ({@link Jdbc#cached}).
     */
    long nextSequence() throws SQLException {
        String bump = "UPDATE marks SET value = value + 1 WHERE name = 'seq'";
        String read = "SELECT value FROM marks WHERE name = 'seq'";
        try {
            jdbc.cached(bump).executeUpdate();
            try (ResultSet rs = jdbc.cached(read).executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            jdbc.forget(bump);
            jdbc.forget(read);
            throw e;
        }
    }
}
