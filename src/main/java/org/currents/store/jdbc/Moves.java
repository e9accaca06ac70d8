package org.currents.store.jdbc;

import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.currents.store.EventSketch;
import org.currents.store.Move;
import org.currents.store.Observation;

/**
 * Histories across pages: events removed from one day page and created on another, in brief,
 * and the merge of such a pair into one event that moved.
 */
final class Moves {
    // K is the kept event, M the merged one, each bound where it stands (not every database
    // numbers parameters)
    private static final List<String> MERGE = List.of(
            "UPDATE versions SET event_id = K WHERE event_id = M",
            "UPDATE event_aliases SET event_id = K WHERE event_id = M",
            "UPDATE moves SET event_id = K WHERE event_id = M",
            "DELETE FROM contexts WHERE event_id = K OR event_id = M",
            "DELETE FROM citations WHERE event_id = K",
            "UPDATE citations SET event_id = K WHERE event_id = M");

    private final Jdbc jdbc;
    private final Contexts marks;

    Moves(Jdbc jdbc, Contexts marks) {
        this.jdbc = jdbc;
        this.marks = marks;
    }

    /** Merges event {@code mergedId} into {@code keptId}; the caller holds the transaction. */
    void mergeMovedEvent(String keptId, String mergedId, Move move) throws SQLException {
        renameObserved(keptId, mergedId);
        for (String sql : MERGE) {
            List<String> params = new ArrayList<>();
            StringBuilder bound = new StringBuilder();
            for (String word : sql.split(" ", -1)) {
                String bare = word.replace(")", "");
                if (bare.equals("K") || bare.equals("M")) {
                    params.add(bare.equals("K") ? keptId : mergedId);
                    word = word.replace(bare, "?");
                }
                bound.append(bound.length() == 0 ? "" : " ").append(word);
            }
            jdbc.update(bound.toString(), params.toArray());
        }
        long seq = marks.nextSequence();
        // the kept event now lives where the merged one does, and keeps its first revision
        jdbc.update(
                "UPDATE events SET (page_id, day, bullet_key, position, status, removed_revision_id, removed_at,"
                        + " changed_seq) = (SELECT m.page_id, m.day, m.bullet_key, m.position, m.status,"
                        + " m.removed_revision_id, m.removed_at, ? FROM events m WHERE m.id = ?) WHERE id = ?",
                seq,
                mergedId,
                keptId);
        jdbc.update("DELETE FROM events WHERE id = ?", mergedId);
        jdbc.update(
                "INSERT INTO event_aliases (alias, event_id) VALUES (?,?) ON CONFLICT (alias)"
                        + " DO UPDATE SET event_id = excluded.event_id",
                mergedId,
                keptId);
        jdbc.update(
                "INSERT INTO moves (event_id, merged_id, from_day, to_day, removed_revision_id, added_revision_id)"
                        + " VALUES (?,?,?,?,?,?)",
                keptId,
                mergedId,
                move.fromDay().toString(),
                move.toDay().toString(),
                move.removedRevisionId(),
                move.addedRevisionId());
    }

    /**
     * Says {@code keptId} where the revisions of the merged event's page observed {@code
     * mergedId}: each revision's observations are one packed row, rewritten where it names it.
     */
    private void renameObserved(String keptId, String mergedId) throws SQLException {
        List<Object[]> rewritten = new ArrayList<>();
        jdbc.forEach(
                "SELECT o.revision_id, o.packed FROM observed o JOIN revisions r ON r.id = o.revision_id"
                        + " JOIN events e ON e.page_id = r.page_id WHERE e.id = ?",
                rs -> {
                    long revision = rs.getLong(1);
                    List<Observation> observations = PackedObservations.unpack(revision, rs.getBytes(2));
                    boolean named = false;
                    List<Observation> renamed = new ArrayList<>(observations.size());
                    for (Observation o : observations) {
                        named |= o.eventId().equals(mergedId);
                        renamed.add(
                                o.eventId().equals(mergedId)
                                        ? new Observation(revision, o.position(), o.bulletKey(), keptId)
                                        : o);
                    }
                    if (named) {
                        rewritten.add(new Object[] {PackedObservations.pack(renamed), revision});
                    }
                },
                mergedId);
        jdbc.batch("UPDATE observed SET packed = ? WHERE revision_id = ?", rewritten, row -> row);
    }

    List<EventSketch> removedEvents(long sinceSequence) throws SQLException {
        return sketches(
                "SELECT e.id, e.page_id, e.day, e.removed_revision_id, e.removed_at, b.text, b.sources"
                        + " FROM events e JOIN bullets b ON b.key = e.bullet_key"
                        + " WHERE e.status = 'removed' AND e.changed_seq >= ? ORDER BY e.removed_at",
                sinceSequence);
    }

    List<EventSketch> createdEvents(long sinceSequence) throws SQLException {
        return sketches(
                "SELECT e.id, e.page_id, e.day, e.first_revision_id, r.timestamp, b.text, b.sources"
                        + " FROM events e JOIN revisions r ON r.id = e.first_revision_id"
                        + " JOIN versions v ON v.event_id = e.id AND v.revision_id = e.first_revision_id"
                        + " JOIN bullets b ON b.key = v.bullet_key WHERE e.changed_seq >= ? ORDER BY r.timestamp",
                sinceSequence);
    }

    private List<EventSketch> sketches(String sql, long since) throws SQLException {
        return jdbc.list(
                sql,
                rs -> {
                    List<String> urls = new ArrayList<>();
                    Codec.sources(rs.getString(7)).forEach(s -> urls.add(s.url()));
                    return new EventSketch(
                            rs.getString(1),
                            rs.getLong(2),
                            LocalDate.parse(rs.getString(3)),
                            rs.getLong(4),
                            Codec.instant(rs.getString(5)),
                            rs.getString(6),
                            urls);
                },
                since);
    }
}
