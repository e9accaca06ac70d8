package org.currents.store.sqlite;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.currents.model.Context;
import org.currents.model.ParsedEvent;

/**
 * Contexts of events and the marks they are indexed by: the change sequence (mark {@code seq},
 * moved on by every write that changes events) and named positions in it.
 */
final class SqliteContexts {
    private final Jdbc jdbc;

    SqliteContexts(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    List<String> eventsChangedSince(long sequence) throws SQLException {
        return jdbc.list("SELECT id FROM events WHERE changed_seq > ?", rs -> rs.getString(1), sequence);
    }

    Map<String, ParsedEvent> latestContent(Collection<String> eventIds) throws SQLException {
        Map<String, ParsedEvent> out = new HashMap<>();
        jdbc.forEachIn(
                "SELECT e.id, b.category, b.stories, b.text, b.links, b.sources, b.unsourced"
                        + " FROM events e JOIN bullets b ON b.key = e.bullet_key WHERE e.id IN",
                eventIds,
                rs -> out.put(rs.getString(1), SqlitePageStates.bullet(rs, 2)));
        return out;
    }

    void replaceContexts(Map<String, List<Context>> contextsByEvent) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        for (Map.Entry<String, List<Context>> e : contextsByEvent.entrySet()) {
            for (Context x : e.getValue()) {
                rows.add(new Object[] {e.getKey(), x.key(), x.title()});
            }
        }
        jdbc.batch("DELETE FROM contexts WHERE event_id = ?", contextsByEvent.keySet(), id -> new Object[] {id});
        jdbc.batch("INSERT OR IGNORE INTO contexts (event_id, key, title) VALUES (?,?,?)", rows, params -> params);
    }

    void setMark(String name, long sequence) throws SQLException {
        jdbc.update("INSERT OR REPLACE INTO marks (name, value) VALUES (?, ?)", name, sequence);
    }

    long mark(String name) throws SQLException {
        return jdbc.first("SELECT value FROM marks WHERE name = ?", rs -> rs.getLong(1), name)
                .orElse(0L);
    }

    /** Moves the change sequence on by one and returns it; for writes, inside their transaction. */
    long nextSequence() throws SQLException {
        try (Statement st = jdbc.statement()) {
            st.executeUpdate("UPDATE marks SET value = value + 1 WHERE name = 'seq'");
            try (ResultSet rs = st.executeQuery("SELECT value FROM marks WHERE name = 'seq'")) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
