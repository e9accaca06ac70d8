package org.currents.store.postgres;

import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.currents.store.DomainSource;
import org.currents.store.QueryException;
import org.currents.store.SearchPage;
import org.currents.store.SearchQuery;
import org.currents.store.VersionRules;
import org.currents.store.jdbc.Jdbc;
import org.currents.store.jdbc.Search;
import org.currents.store.jdbc.SearchSql;
import org.currents.store.jdbc.SearchSql.Candidate;

/**
 * Full-text search over the tsvector table of PostgreSQL's V4, with the semantics of the SQLite
 * store's FTS5 search: the same query syntax ({@link TsQueries}), the same filters and ranking
 * ({@link SearchSql}), the ranked set bounded to the newest matching versions (widened as a
 * reader pages deeper), snippets as FTS5 makes them ({@link Snippets}). Scores are {@code
 * -ts_rank} with the text weighing most (lower is better, as bm25's are); their values differ
 * from SQLite's.
 */
final class PostgresSearch implements Search {
    /** Matching versions ranked per query, at least (as SQLite's search). */
    static final int WINDOW = 300;

    /** Matches of the term a filtered query examines, at most (widened with the window). */
    static final int EXAMINED = 3000;

    // weights of {D, C, B, A}: outlets 1, stories and links 3, text 10, as bm25's in SQLite
    private static final String RANK = "ts_rank('{0.1, 0.1, 0.3, 1.0}', s.doc, q)";
    private static final String QUERY = "to_tsquery('simple', currents_unaccent(?)) q";

    private final Jdbc jdbc;

    PostgresSearch(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public SearchPage search(SearchQuery q) throws SQLException {
        String query = TsQueries.of(q.text());
        int window = Math.max(WINDOW, (q.offset() + q.limit() + 1) * 4);
        StringBuilder sql = new StringBuilder("SELECT e.id, e.day, -" + RANK + ", s.rowid FROM " + QUERY
                + ", search s JOIN versions v ON v.bullet_key = s.key"
                + " JOIN revisions r ON r.id = v.revision_id JOIN events e ON e.id = v.event_id"
                + SearchSql.joins(q) + " WHERE s.doc @@ q AND " + VersionRules.countsSql("r", "v"));
        List<Object> params = new ArrayList<>();
        params.add(query);
        long floor = 0;
        if (SearchSql.filtered(q)) {
            // the rowid of the EXAMINED-th newest match: a walk of the index alone, no joins
            floor = floor(query, Math.max(EXAMINED, window * 3));
            sql.append(" AND s.rowid >= ?");
            params.add(floor);
        }
        SearchSql.appendFilters(q, sql, params);
        sql.append(" ORDER BY s.rowid DESC LIMIT ?");
        params.add(window);
        List<Candidate> matches = new ArrayList<>();
        try {
            jdbc.forEach(
                    sql.toString(),
                    rs -> matches.add(new Candidate(
                            rs.getString(1), LocalDate.parse(rs.getString(2)), rs.getDouble(3), rs.getLong(4))),
                    params.toArray());
        } catch (SQLException e) {
            throw unreadable(e);
        }
        List<Candidate> ranked = SearchSql.ranked(matches);
        int end = Math.min(ranked.size(), q.offset() + q.limit());
        List<Candidate> page = q.offset() >= ranked.size() ? List.of() : ranked.subList(q.offset(), end);
        return new SearchPage(
                page.isEmpty() ? List.of() : SearchSql.hits(jdbc, page, snippets(page, query)),
                ranked.size() > end,
                matches.size() >= window || floor > 0);
    }

    /** A query PostgreSQL could not read (42601) as the reader's error; others as they are. */
    private static SQLException unreadable(SQLException e) {
        if ("42601".equals(e.getSQLState())) {
            throw new QueryException("cannot read the query: " + PostgresErrors.plain(e));
        }
        return e;
    }

    private long floor(String query, int n) throws SQLException {
        try {
            return jdbc.first(
                            "SELECT s.rowid FROM " + QUERY + ", search s WHERE s.doc @@ q ORDER BY s.rowid DESC"
                                    + " LIMIT 1 OFFSET ?",
                            rs -> rs.getLong(1),
                            query,
                            n)
                    .orElse(0L);
        } catch (SQLException e) {
            throw unreadable(e);
        }
    }

    /**
     * The passage of the matching column of each hit, marked in Java: PostgreSQL's ts_headline
     * reads words with its own parser (it would not mark "pwned" in "window.__pwned"), FTS5's
     * snippet as the index does.
     */
    private Map<Long, String> snippets(List<Candidate> page, String query) throws SQLException {
        List<Snippets.Term> terms = Snippets.terms(query);
        Map<Long, String> out = new HashMap<>();
        jdbc.forEach(
                "SELECT s.rowid, s.text, s.stories, s.links, s.outlets FROM search s WHERE s.rowid IN ("
                        + Jdbc.placeholders(page.size()) + ")",
                rs -> out.put(
                        rs.getLong(1),
                        Snippets.of(
                                List.of(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)), terms)),
                page.stream().map(Candidate::rowid).toArray());
        return out;
    }

    @Override
    public List<DomainSource> ofDomain(String domain, String after, int limit) throws SQLException {
        return SearchSql.ofDomain(jdbc, domain, after, limit);
    }
}
