package org.currents.store.sqlite;

import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
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
 * Full-text search over the FTS5 table of migration V4 (every version's text, its contexts and
 * outlets), and the sources of a domain through the index on {@code citations.domain}.
 *
 * <p>Ranking is bm25 (the text weighs more than stories, links and outlets), ties broken by the
 * newer day. Ranking a huge match set is the known trap: bm25 is computed per matching row, so
 * a term in 100,000 events costs tens of milliseconds before the first result. The ranked set
 * is therefore bounded to the {@link #WINDOW} newest matching versions (FTS5 walks its doclist
 * by descending rowid and stops there; rowids grow with import order, oldest revision first),
 * widened as a reader pages deeper; a smaller match set is ranked whole. Filters are applied
 * inside that walk, so a narrow filter still fills the window.
 */
final class SqliteSearch implements Search {
    /** Matching versions ranked per query, at least. */
    static final int WINDOW = 300;

    /**
     * Matches of the term a filtered query examines, at most (widened with the window): a
     * filter that few matches pass would otherwise walk every match of a common term (seconds
     * for 100,000 of them), so it looks among the newest ones only.
     */
    static final int EXAMINED = 3000;

    /** Words FTS5 reads as they are; other words are quoted (FTS5 barewords allow no punctuation). */
    private static final Pattern BAREWORD =
            Pattern.compile("(?:(?:text|stories|links|outlets):)?\\^?[\\p{L}\\p{N}_\\x{80}-\\x{10FFFF}]+\\*?");

    private final Jdbc jdbc;

    SqliteSearch(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public SearchPage search(SearchQuery q) throws SQLException {
        String match = ftsQuery(q.text());
        int window = Math.max(WINDOW, (q.offset() + q.limit() + 1) * 4);
        StringBuilder sql = new StringBuilder("SELECT e.id, e.day, bm25(search, 10.0, 3.0, 3.0, 1.0), s.rowid"
                + " FROM search s JOIN versions v ON v.bullet_key = s.key"
                + " JOIN revisions r ON r.id = v.revision_id JOIN events e ON e.id = v.event_id");
        List<Object> params = new ArrayList<>();
        sql.append(SearchSql.joins(q));
        sql.append(" WHERE search MATCH ? AND r.reverted = 0 AND v.undone_by = 0");
        params.add(match);
        long floor = 0;
        if (SearchSql.filtered(q)) {
            // the rowid of the EXAMINED-th newest match: a walk of the doclist alone, no joins
            floor = floor(match, Math.max(EXAMINED, window * 3));
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
            if (SqliteErrors.code(e) == 1) { // FTS5 reports a query it cannot read as SQLITE_ERROR
                throw new QueryException(
                        "cannot read the query: " + SqliteErrors.plain(e).replace("fts5: ", ""));
            }
            throw e;
        }
        List<Candidate> ranked = SearchSql.ranked(matches);
        int end = Math.min(ranked.size(), q.offset() + q.limit());
        List<Candidate> page = q.offset() >= ranked.size() ? List.of() : ranked.subList(q.offset(), end);
        return new SearchPage(hits(page, match), ranked.size() > end, matches.size() >= window || floor > 0);
    }

    /** The rowid of the {@code n}-th newest match of {@code match}, or 0 when it has fewer. */
    private long floor(String match, int n) throws SQLException {
        try {
            return jdbc.first(
                            "SELECT rowid FROM search WHERE search MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET ?",
                            rs -> rs.getLong(1),
                            match,
                            n)
                    .orElse(0L);
        } catch (SQLException e) {
            if (SqliteErrors.code(e) == 1) {
                throw new QueryException(
                        "cannot read the query: " + SqliteErrors.plain(e).replace("fts5: ", ""));
            }
            throw e;
        }
    }

    private List<SearchHit> hits(List<Candidate> page, String match) throws SQLException {
        if (page.isEmpty()) {
            return List.of();
        }
        // every snippet in one statement: FTS5 seeks each rowid of the IN list in the doclist
        Map<Long, String> snippets = new HashMap<>();
        List<Object> params = new ArrayList<>();
        params.add(match);
        page.forEach(c -> params.add(c.rowid()));
        jdbc.forEach(
                "SELECT rowid, snippet(search, -1, char(1), char(2), '…', 24) FROM search"
                        + " WHERE search MATCH ? AND rowid IN (" + Jdbc.placeholders(page.size()) + ")",
                rs -> snippets.put(rs.getLong(1), rs.getString(2)),
                params.toArray());
        return SearchSql.hits(jdbc, page, snippets);
    }

    /**
     * The FTS5 expression for what a reader typed: quotes, parentheses and operators ({@code
     * AND}, {@code OR}, {@code NOT}, {@code NEAR}) are FTS5's; a word with punctuation ({@code
     * U.S.}, {@code al-Assad}) becomes a phrase, since FTS5 would reject it. The result is bound
     * as a parameter, never spliced into SQL.
     */
    static String ftsQuery(String typed) {
        StringBuilder out = new StringBuilder();
        for (String word : typed.strip().split("\\s+")) {
            if (!out.isEmpty()) {
                out.append(' ');
            }
            boolean syntax = word.indexOf('"') >= 0
                    || word.indexOf('(') >= 0
                    || word.indexOf(')') >= 0
                    || word.endsWith(","); // NEAR(a b, 5)
            boolean operator = word.equals("AND") || word.equals("OR") || word.equals("NOT") || word.equals("NEAR");
            if (syntax || operator || BAREWORD.matcher(word).matches()) {
                out.append(word);
            } else {
                out.append('"').append(word).append('"');
            }
        }
        return out.toString();
    }

    /** The cited URLs of {@code domain} after URL {@code after} (null: from the first), with their events. */
    @Override
    public List<DomainSource> ofDomain(String domain, String after, int limit) throws SQLException {
        return SearchSql.ofDomain(jdbc, domain, after, limit);
    }
}
