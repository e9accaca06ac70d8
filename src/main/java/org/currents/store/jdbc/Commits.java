package org.currents.store.jdbc;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.currents.model.ParsedEvent;
import org.currents.model.Problem;
import org.currents.model.Revision;
import org.currents.store.EventRow;
import org.currents.store.Observation;
import org.currents.store.PageUpdate;
import org.currents.store.StoredVersion;
import org.currents.store.VersionRules;

/**
 * The write path of histories: a page's new revisions with their text and problems, the
 * bullets and observations in them, versions, events and their citations, the change
 * sequence. The caller holds the transaction; a page group is written in one.
 */
final class Commits {
    private final Jdbc jdbc;
    private final Pages pages;
    private final Contexts marks;

    Commits(Jdbc jdbc, Pages pages, Contexts marks) {
        this.jdbc = jdbc;
        this.pages = pages;
        this.marks = marks;
    }

    /** Writes one page's update, and the page's row if it is pending. */
    void write(PageUpdate u) throws SQLException {
        pages.writePending(u.pageId());
        insertRevisions(u);
        insertBullets(u.bullets());
        insertObservations(u.observations());
        setRevertedFlags(u.revertedFlags());
        insertVersions(u.versions());
        markUndone(u.undone());
        if (!u.events().isEmpty() || !u.deletedEvents().isEmpty()) {
            long seq = marks.nextSequence();
            writeEvents(u.events(), u.bullets(), seq);
            deleteEvents(u.deletedEvents());
        }
    }

    private void insertRevisions(PageUpdate u) throws SQLException {
        List<Object[]> texts = new ArrayList<>();
        List<Object[]> problems = new ArrayList<>();
        for (PageUpdate.NewRevision n : u.revisions()) {
            Revision r = n.revision();
            if (n.keepText()) {
                texts.add(new Object[] {r.id(), r.text()});
            }
            for (Problem p : VersionRules.keptProblems(n.problems())) {
                problems.add(new Object[] {r.id(), p.line(), p.column(), p.message()});
            }
        }
        int[] written = jdbc.batch(
                "INSERT INTO revisions (id, page_id, parent_id, timestamp, contributor, comment, sha1, text_hidden,"
                        + " event_count, problem_count, base_id, reverted) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)"
                        + " ON CONFLICT (id) DO UPDATE SET base_id = excluded.base_id, reverted = excluded.reverted"
                        + " WHERE revisions.page_id = excluded.page_id",
                u.revisions(),
                n -> revisionParams(u.pageId(), n));
        refuseOtherPages(u, written);
        jdbc.batch("INSERT INTO wikitext (revision_id, text) VALUES (?,?)", texts, params -> params);
        jdbc.batch(
                "INSERT INTO problems (revision_id, line, col, message) VALUES (?,?,?,?)", problems, params -> params);
    }

    private static Object[] revisionParams(long pageId, PageUpdate.NewRevision n) {
        Revision r = n.revision();
        return new Object[] {
            r.id(),
            pageId,
            r.parentId(),
            Codec.instant(r.timestamp()),
            r.contributor(),
            r.comment(),
            r.sha1(),
            r.textHidden() ? 1 : 0,
            n.eventCount(),
            n.problemCount(),
            n.baseId(),
            n.reverted() ? 1 : 0
        };
    }

    /**
     * Fails when the upsert skipped a revision: its id is stored, under another page. A driver
     * that sends a batch as multi-row statements (pgJDBC's reWriteBatchedInserts) counts no rows
     * ({@link java.sql.Statement#SUCCESS_NO_INFO}): then the rows are looked up.
     */
    private void refuseOtherPages(PageUpdate u, int[] written) throws SQLException {
        Map<Long, Long> stored = null;
        for (int k = 0; k < written.length; k++) {
            long id = u.revisions().get(k).revision().id();
            if (written[k] == Statement.SUCCESS_NO_INFO && stored == null) {
                stored = pages.knownRevisions(
                        u.revisions().stream().map(n -> n.revision().id()).toList());
            }
            boolean skipped = written[k] == Statement.SUCCESS_NO_INFO
                    ? stored.getOrDefault(id, 0L) != u.pageId()
                    : written[k] == 0;
            if (skipped) {
                throw new IllegalStateException("revision " + id + " belongs to page " + pages.pageOf(id)
                        + " in the archive, not to page " + u.pageId());
            }
        }
    }

    private void insertBullets(Map<String, ParsedEvent> bullets) throws SQLException {
        jdbc.batch(
                "INSERT INTO bullets (key, category, stories, text, links, sources, unsourced)"
                        + " VALUES (?,?,?,?,?,?,?) ON CONFLICT DO NOTHING",
                bullets.entrySet(),
                e -> new Object[] {
                    e.getKey(),
                    e.getValue().category(),
                    Codec.strings(e.getValue().stories()),
                    e.getValue().text(),
                    Codec.strings(e.getValue().links()),
                    Codec.sources(e.getValue().sources()),
                    e.getValue().unsourced() ? 1 : 0
                });
    }

    /** Each revision's observations as one packed row ({@link PackedObservations}), replacing what was. */
    private void insertObservations(List<Observation> observations) throws SQLException {
        Map<Long, List<Observation>> byRevision = new LinkedHashMap<>();
        for (Observation o : observations) {
            byRevision.computeIfAbsent(o.revisionId(), k -> new ArrayList<>()).add(o);
        }
        jdbc.batch(
                "INSERT INTO observed (revision_id, packed) VALUES (?,?)"
                        + " ON CONFLICT (revision_id) DO UPDATE SET packed = excluded.packed",
                byRevision.entrySet(),
                e -> new Object[] {e.getKey(), PackedObservations.pack(e.getValue())});
    }

    private void setRevertedFlags(Map<Long, Boolean> flags) throws SQLException {
        jdbc.batch("UPDATE revisions SET reverted = ? WHERE id = ?", flags.entrySet(), e ->
                new Object[] {e.getValue() ? 1 : 0, e.getKey()});
    }

    private void insertVersions(List<StoredVersion> versions) throws SQLException {
        jdbc.batch(
                "INSERT INTO versions (event_id, revision_id, bullet_key, undone_by) VALUES (?,?,?,?)"
                        + " ON CONFLICT (event_id, revision_id) DO UPDATE SET bullet_key = excluded.bullet_key,"
                        + " undone_by = excluded.undone_by",
                versions,
                v -> new Object[] {v.eventId(), v.revisionId(), v.bulletKey(), v.undoneBy()});
    }

    private void markUndone(List<StoredVersion> undone) throws SQLException {
        jdbc.batch("UPDATE versions SET undone_by = ? WHERE event_id = ? AND revision_id = ?", undone, v ->
                new Object[] {v.undoneBy(), v.eventId(), v.revisionId()});
    }

    private void writeEvents(List<EventRow> rows, Map<String, ParsedEvent> bullets, long seq) throws SQLException {
        List<Object[]> citations = new ArrayList<>();
        for (EventRow r : rows) {
            ParsedEvent b = bullets.get(r.bulletKey());
            if (b == null) {
                throw new IllegalStateException(
                        "event " + r.id() + " refers to bullet " + r.bulletKey() + " that the update does not carry");
            }
            for (int k = 0; k < b.sources().size(); k++) {
                String url = b.sources().get(k).url();
                citations.add(new Object[] {r.id(), k, url, CitedDomains.of(url)});
            }
        }
        jdbc.batch(
                "INSERT INTO events (id, page_id, day, first_revision_id, bullet_key, position, status,"
                        + " removed_revision_id, removed_at, changed_seq) VALUES (?,?,?,?,?,?,?,?,?,?)"
                        + " ON CONFLICT (id) DO UPDATE SET page_id = excluded.page_id, day = excluded.day,"
                        + " first_revision_id = excluded.first_revision_id, bullet_key = excluded.bullet_key,"
                        + " position = excluded.position, status = excluded.status,"
                        + " removed_revision_id = excluded.removed_revision_id, removed_at = excluded.removed_at,"
                        + " changed_seq = excluded.changed_seq",
                rows,
                r -> new Object[] {
                    r.id(),
                    r.pageId(),
                    r.day().toString(),
                    r.firstRevisionId(),
                    r.bulletKey(),
                    r.position(),
                    r.status().label(),
                    r.removedRevisionId(),
                    Codec.instant(r.removedAt()),
                    seq
                });
        jdbc.batch("DELETE FROM citations WHERE event_id = ?", rows, r -> new Object[] {r.id()});
        jdbc.batch("INSERT INTO citations (event_id, ord, url, domain) VALUES (?,?,?,?)", citations, params -> params);
    }

    private void deleteEvents(List<String> ids) throws SQLException {
        for (String sql : List.of(
                "DELETE FROM events WHERE id = ?",
                "DELETE FROM citations WHERE event_id = ?",
                "DELETE FROM contexts WHERE event_id = ?")) {
            jdbc.batch(sql, ids, id -> new Object[] {id});
        }
    }

    /**
     * Forgets every history, keeping pages, revisions and what was observed in them (and the
     * change sequence). The observations keep their event ids until the rebuild, in the same
     * transaction, writes each revision's again.
     */
    void resetHistories() throws SQLException {
        try (Statement st = jdbc.statement()) {
            for (String sql : List.of(
                    "DELETE FROM versions",
                    "DELETE FROM events",
                    "DELETE FROM citations",
                    "DELETE FROM contexts",
                    "DELETE FROM moves",
                    "DELETE FROM event_aliases",
                    "DELETE FROM marks WHERE name NOT IN ('seq', '" + Dialect.PAGE_IDS + "')",
                    "UPDATE revisions SET base_id = 0, reverted = 0")) {
                st.executeUpdate(sql);
            }
        }
    }
}
