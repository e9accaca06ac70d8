package org.currents.store.postgres;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.currents.store.DomainSource;
import org.currents.store.QueryException;
import org.currents.store.SearchHit;
import org.currents.store.SearchPage;
import org.currents.store.SearchQuery;
import org.currents.store.jdbc.Jdbc;
import org.currents.store.jdbc.Search;
import org.currents.store.jdbc.SearchSql;
import org.currents.store.jdbc.SearchSql.Candidate;

/**
 * Full-text search over the tsvector rows of PostgreSQL's V5 ({@code search_docs}: one row per
 * version of every event, with the event id, whether the version is live, and the event's day,
 * status and category), with the semantics of the SQLite store's FTS5 search: the same query
 * syntax ({@link TsQueries}), the same filters, the same ranked set (the {@link SearchSql#WINDOW} newest
 * matching versions that pass the filters, newest by id as SQLite's by rowid, both growing with
 * import order), the same stable paging below a ceiling, the same shortcut for words in most of
 * the archive (ranked by day alone), ties broken by the newer day, snippets marked with {@link
 * SearchHit#MARK_START} and {@link SearchHit#MARK_END}. Scores are {@code -ts_rank} with the
 * text weighing most (lower is better, as bm25's are); their values differ from SQLite's.
 */
final class PostgresSearch implements Search, SearchSql.Index {
    // weights of {D, C, B, A}: outlets 1, stories and links 3, text 10, as bm25's in SQLite
    private static final String RANK = "ts_rank('{0.1, 0.1, 0.3, 1.0}', d.doc, q)";

    private static final String MATCHES =
            " FROM to_tsquery('simple', currents_unaccent(?)) q, search_docs d" + " WHERE d.doc @@ q";

    private final Jdbc jdbc;

    PostgresSearch(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Jdbc jdbc() {
        return jdbc;
    }

    @Override
    public String select(String score) {
        return "SELECT d.event_id, d.day, " + score + ", d.id" + MATCHES;
    }

    @Override
    public String id() {
        return "d.id";
    }

    @Override
    public List<SearchHit> hits(List<Candidate> page, String query) throws SQLException {
        List<Snippets.Term> terms = Snippets.terms(query);
        Map<Long, String> snippets = new HashMap<>();
        Map<String, String[]> heads = new HashMap<>();
        // one statement for the snippets' passages and the events' heads (a round trip and a
        // plan less than two: 0.4-0.5 ms of a search's 3-5 ms here)
        jdbc.forEach(
                "SELECT d.id, d.text, d.stories, d.links, d.outlets, e.id, e.status, b.text, b.category"
                        + " FROM search_docs d JOIN events e ON e.id = d.event_id JOIN bullets b ON b.key = e.bullet_key"
                        + " WHERE d.id IN (" + Jdbc.placeholders(page.size()) + ")",
                rs -> {
                    snippets.put(
                            rs.getLong(1),
                            Snippets.of(
                                    List.of(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)),
                                    terms));
                    heads.put(rs.getString(6), new String[] {rs.getString(7), rs.getString(8), rs.getString(9)});
                },
                page.stream().map(Candidate::rowid).toArray());
        return SearchSql.hits(page, heads, snippets);
    }

    @Override
    public SearchPage search(SearchQuery q) throws SQLException {
        String query = TsQueries.of(q.text());
        long ceiling = q.ceiling() > 0 ? q.ceiling() : ceiling(query);
        if (ceiling == 0) {
            return new SearchPage(List.of(), false, false, 0);
        }
        String score = weightless(q.text()) ? "0.0" : "-" + RANK;
        return SearchSql.window(q, query, ceiling, score, this);
    }

    /**
     * True when every word of a plain query (words, no operators) is in at least {@link SearchSql#DENSE}
     * of the versions at both ends of the archive, where SQLite's bm25 weighs such words nothing
     * (FTS5 floors their IDF) and ranks by day alone: the same rule here ({@link
     * SearchSql#weightless}), so that the two stores order a query of common words alike
     * (ts_rank, which knows no IDF, would not). Asked in one statement a word ({@link #DENSE_ENDS}).
     */
    boolean weightless(String typed) throws SQLException {
        if (!SearchSql.plainWords(typed)) {
            return false;
        }
        for (String word : SearchSql.words(typed)) {
            if (!jdbc.first(DENSE_ENDS, rs -> rs.getBoolean(1), TsQueries.of(word))
                    .orElse(false)) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@link SearchSql#weightless}'s test of one word, the way a GIN index answers it cheaply: the
     * {@link SearchSql#SAMPLE} newest matches lie within {@link SearchSql#SPAN} versions exactly
     * when the {@code SPAN} versions from the newest match down hold {@code SAMPLE} matches or
     * more (likewise from the oldest match up). So each end is a walk of the primary key over
     * {@code SPAN} neighbouring rows, testing each one's tsvector, where taking the newest 500
     * matches from the GIN index visits the heap row of every match of the word to sort them by
     * id (5-8 ms for a word in 3,000 versions of 200,000; this walk, 0.5 ms). {@code CASE} asks the
     * oldest end only when the newest passed. One parameter: the word's query.
     * {@code PostgresDenseTest} checks it gives {@link SearchSql#weightless}'s answer.
     */
    static final String DENSE_ENDS = "SELECT CASE WHEN " + denseEnd("<=", "DESC") + " THEN " + denseEnd(">=", "ASC")
            + " ELSE false END FROM to_tsquery('simple', currents_unaccent(?)) q";

    private static String denseEnd(String side, String order) {
        return "(SELECT count(*) FROM (SELECT d.doc FROM search_docs d WHERE d.id " + side
                + " (SELECT n.id FROM search_docs n WHERE n.doc @@ q ORDER BY n.id " + order + " LIMIT 1)"
                + " ORDER BY d.id " + order + " LIMIT " + SearchSql.SPAN + ") w WHERE w.doc @@ q) >= "
                + SearchSql.SAMPLE;
    }

    /** The sampling walk of {@link SearchSql#weightless} over this store's index, for tests to compare with. */
    static final String SAMPLE_WALK =
            "SELECT min(id), max(id), count(*) FROM (SELECT d.id" + MATCHES + " ORDER BY d.id %s LIMIT ?) w";

    /** A query PostgreSQL could not read (42601) as the reader's error; others as they are. */
    @Override
    public SQLException unreadable(SQLException e) {
        if ("42601".equals(e.getSQLState())) {
            throw new QueryException("cannot read the query: " + PostgresErrors.plain(e));
        }
        return e;
    }

    /** The newest id matching {@code query}, or 0 when nothing does. */
    private long ceiling(String query) throws SQLException {
        try {
            return jdbc.first("SELECT d.id" + MATCHES + " ORDER BY d.id DESC LIMIT 1", rs -> rs.getLong(1), query)
                    .orElse(0L);
        } catch (SQLException e) {
            throw unreadable(e);
        }
    }

    /** The id of the {@code n}-th newest match of {@code query} below {@code ceiling}, or 0 when it has fewer. */
    @Override
    public long floor(String query, long ceiling, int n) throws SQLException {
        try {
            return jdbc.first(
                            "SELECT d.id" + MATCHES + " AND d.id <= ? ORDER BY d.id DESC LIMIT 1 OFFSET ?",
                            rs -> rs.getLong(1),
                            query,
                            ceiling,
                            n)
                    .orElse(0L);
        } catch (SQLException e) {
            throw unreadable(e);
        }
    }

    // Snippets are marked in Java (Snippets): PostgreSQL's ts_headline reads words with its own
    // parser (it would not mark "pwned" in "window.__pwned"), FTS5's snippet as the index does.

    @Override
    public void clear() throws SQLException {
        jdbc.update("DELETE FROM search_docs");
    }

    /**
     * Merges the GIN index's pending list into the index proper. New rows go to that list
     * ({@code fastupdate}), which every search scans in full until it reaches 4 MB or a vacuum
     * runs: 3,762 rows left there by a migrated 200k-event archive cost each word 1.4 ms of a
     * search, a word that matches nothing 1.8 ms where 0.05 ms is its due. A role that does not
     * own the index may not do this; autovacuum then does it in time.
     */
    @Override
    public void tidy() throws SQLException {
        jdbc.first(
                "SELECT gin_clean_pending_list(i.oid) FROM pg_class i WHERE i.oid = to_regclass('search_docs_doc')"
                        + " AND pg_has_role(i.relowner, 'USAGE')",
                rs -> 0);
    }

    /** Merges the pending list of the search index into it; returns the pages it merged. */
    static long cleanPendingList(Jdbc jdbc) throws SQLException {
        return jdbc.first("SELECT gin_clean_pending_list('search_docs_doc'::regclass)", rs -> rs.getLong(1))
                .orElse(0L);
    }

    @Override
    public int buildMissing() throws SQLException {
        boolean any = jdbc.exists("SELECT 1 FROM search_docs LIMIT 1");
        int added = jdbc.update(Search.missingRows(
                "currents_joined(b.stories)", "currents_joined(b.links)", "currents_outlets(b.sources)", any));
        if (added > 0) {
            jdbc.update("ANALYZE search_docs"); // as V5: a common word's first searches need the statistics
        }
        return added;
    }

    @Override
    public List<DomainSource> ofDomain(String domain, String after, int limit) throws SQLException {
        return SearchSql.ofDomain(jdbc, domain, after, limit);
    }
}
