package org.currents.store.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.function.Consumer;

/**
 * Copies a whole archive between two SQL stores, table by table in the order of their keys, in
 * batches: the tables and columns both dialects share (the schema of the same version), without
 * what the target computes itself (the search rows, one per version, filled by the target's
 * triggers as versions arrive in the order of the source's search rows, so that the target's
 * follow recency too; the citations' domain; Flyway's history). The marks come last, so that the
 * change sequence is the source's (storing source metadata moves it on).
 */
final class Copy {
    private static final int BATCH = 1000;

    /** Table, columns, the order to copy in (FROM and ORDER BY), the conflict to update (marks). */
    private record Table(String name, String columns, String from) {}

    private static final List<Table> TABLES = List.of(
            new Table("pages", "id, title, day, wiki_page_id, missing", "pages ORDER BY id"),
            new Table(
                    "revisions",
                    "id, page_id, parent_id, timestamp, contributor, comment, sha1, text_hidden, event_count,"
                            + " problem_count, base_id, reverted",
                    "revisions ORDER BY id"),
            new Table("wikitext", "revision_id, text", "wikitext ORDER BY revision_id"),
            new Table(
                    "problems", "revision_id, line, col, message", "problems ORDER BY revision_id, line, col, message"),
            new Table("bullets", "key, category, stories, text, links, sources, unsourced", "bullets ORDER BY key"),
            new Table("observed", "revision_id, packed", "observed ORDER BY revision_id"),
            new Table(
                    "events",
                    "id, page_id, day, first_revision_id, bullet_key, position, status, removed_revision_id,"
                            + " removed_at, changed_seq",
                    "events ORDER BY id"),
            // in the order of the source's search rows (V5), so that the target's follow recency too
            new Table(
                    "versions",
                    "v.event_id, v.revision_id, v.bullet_key, v.undone_by",
                    "versions v LEFT JOIN search_docs d ON d.event_id = v.event_id AND d.revision_id = v.revision_id"
                            + " ORDER BY COALESCE(d.id, 0), v.event_id, v.revision_id"),
            new Table("citations", "event_id, ord, url, domain", "citations ORDER BY event_id, ord"),
            new Table(
                    "moves",
                    "event_id, merged_id, from_day, to_day, removed_revision_id, added_revision_id",
                    "moves ORDER BY rowid"),
            new Table("event_aliases", "alias, event_id", "event_aliases ORDER BY alias"),
            new Table("contexts", "event_id, key, title", "contexts ORDER BY event_id, key"),
            new Table(
                    "source_meta",
                    "url, final_url, http_status, outcome, fetched_at, title, description, image, site_name,"
                            + " published, modified, canonical_url, language, author, archive_url",
                    "source_meta ORDER BY url"),
            new Table("redirects", "title, target, resolved_at", "redirects ORDER BY title"),
            new Table("marks", "name, value", "marks ORDER BY name"));

    private Copy() {}

    /** Copies every table of {@code from} into {@code to} (empty; the caller holds its transaction). */
    static void run(Jdbc from, Jdbc to, Consumer<String> progress) throws SQLException {
        for (Table t : TABLES) {
            String columns = t.columns().replace("v.", "");
            int n = columns.split(",").length;
            String insert = "INSERT INTO " + t.name() + " (" + columns + ") VALUES (" + Jdbc.placeholders(n) + ")"
                    + (t.name().equals("marks") ? " ON CONFLICT (name) DO UPDATE SET value = excluded.value" : "");
            long rows = 0;
            try (Statement st = from.statement();
                    PreparedStatement ins = to.prepare(insert)) {
                st.setFetchSize(BATCH);
                try (ResultSet rs = st.executeQuery("SELECT " + t.columns() + " FROM " + t.from())) {
                    while (rs.next()) {
                        for (int k = 1; k <= n; k++) {
                            ins.setObject(k, rs.getObject(k));
                        }
                        ins.addBatch();
                        if (++rows % BATCH == 0) {
                            ins.executeBatch();
                        }
                        if (rows % 100_000 == 0) {
                            progress.accept(t.name() + ": " + rows + " rows ...");
                        }
                    }
                }
                ins.executeBatch();
            }
            progress.accept(t.name() + ": " + rows + " rows");
        }
    }
}
