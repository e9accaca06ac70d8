package org.currents.store.jdbc;

import java.sql.SQLException;
import java.util.List;
import org.currents.store.DomainSource;
import org.currents.store.SearchPage;
import org.currents.store.SearchQuery;

/** A dialect's full-text search and the domain lookups beside it, for {@link JdbcStore}. */
public interface Search {
    /** {@link org.currents.store.ArchiveStore#search}. */
    SearchPage search(SearchQuery query) throws SQLException;

    /** The cited URLs of {@code domain} after {@code afterUrl}, without their metadata. */
    List<DomainSource> ofDomain(String domain, String afterUrl, int limit) throws SQLException;

    /**
     * Empties the index of every version at once, in the caller's transaction, before {@link
     * org.currents.store.ArchiveStore#resetHistories} deletes the versions (rather than one row
     * at a time through the versions' delete trigger).
     */
    void clear() throws SQLException;

    /** The mark (a row of {@code marks}) that leaves new versions' search rows to {@link #buildMissing}: V9. */
    String LATER = "search_later";

    /**
     * Folds into the index what it keeps aside for writers, once a writer's work is committed,
     * so that readers do not each pay for it; in its own transaction, after the last commit.
     * Nothing to do by default.
     */
    default void tidy() throws SQLException {}

    /**
     * Adds the search row of every version that has none (those written while {@link #LATER}
     * was set) in one statement, in revision order (as V5's migration did: ids follow recency),
     * and indexes them; in the caller's transaction. Returns the rows added.
     */
    int buildMissing() throws SQLException;

    /**
     * The statement adding the search rows of versions without one, as V5's triggers fill them;
     * {@code stories}, {@code links} and {@code outlets} are the dialect's expressions over bullet
     * {@code b}; {@code anyRows} false skips the check for rows already there (none are).
     */
    static String missingRows(String stories, String links, String outlets, boolean anyRows) {
        return "INSERT INTO search_docs (event_id, revision_id, live, day, status, category, text, stories,"
                + " links, outlets) SELECT v.event_id, v.revision_id,"
                + " CASE WHEN v.undone_by = 0 AND COALESCE(r.reverted, 0) = 0 THEN 1 ELSE 0 END,"
                + " e.day, e.status, eb.category, b.text, " + stories + ", " + links + ", " + outlets
                + " FROM versions v JOIN bullets b ON b.key = v.bullet_key"
                + " LEFT JOIN revisions r ON r.id = v.revision_id"
                + " LEFT JOIN events e ON e.id = v.event_id"
                + " LEFT JOIN bullets eb ON eb.key = e.bullet_key"
                + (anyRows
                        ? " WHERE NOT EXISTS (SELECT 1 FROM search_docs d WHERE d.event_id = v.event_id"
                                + " AND d.revision_id = v.revision_id)"
                        : "")
                + " ORDER BY v.revision_id, v.event_id";
    }
}
