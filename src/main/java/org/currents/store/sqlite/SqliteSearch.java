package org.currents.store.sqlite;

import java.sql.SQLException;
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
 * Full-text search over the FTS5 table of migration V5 (one row per version of every event: its
 * text, contexts and outlets), and the sources of a domain through the index on {@code
 * citations.domain}.
 *
 * <p>Ranking is bm25 (the text weighs more than stories, links and outlets), ties broken by the
 * newer day. Ranking a huge match set is the known trap: bm25 is computed per matching row, so
 * a term in 100,000 events would cost tens of milliseconds before the first result. The ranked
 * set is therefore the {@link SearchSql#WINDOW} newest matching versions that pass the filters (FTS5
 * walks its doclist by descending rowid and stops there; rowids grow with import order, oldest
 * revision first), whatever page is asked for; a smaller match set is ranked whole. Each row of
 * the walk carries the event id, whether the version is live, and the event's day, status and
 * category (V5's {@code search_docs}), so the walk joins nothing but that row.
 *
 * <p>Paging is stable: the first page notes the newest rowid it saw (the ceiling) and later
 * pages rank the same window below it, so an import committing meanwhile shifts nothing.
 */
final class SqliteSearch implements Search, SearchSql.Index {
    /** Words FTS5 reads as they are; other words are quoted (FTS5 barewords allow no punctuation). */
    private static final Pattern BAREWORD =
            Pattern.compile("(?:(?:text|stories|links|outlets):)?\\^?[\\p{L}\\p{N}_\\x{80}-\\x{10FFFF}]+\\*?");

    private final Jdbc jdbc;

    SqliteSearch(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Jdbc jdbc() {
        return jdbc;
    }

    @Override
    public String select(String score) {
        return "SELECT d.event_id, d.day, " + score + ", s.rowid FROM search s JOIN search_docs d ON d.id = s.rowid"
                + " WHERE search MATCH ?";
    }

    @Override
    public String id() {
        return "s.rowid";
    }

    @Override
    public SearchPage search(SearchQuery q) throws SQLException {
        String match = ftsQuery(q.text());
        long ceiling = q.ceiling() > 0 ? q.ceiling() : ceiling(match);
        if (ceiling == 0) {
            return new SearchPage(List.of(), false, false, 0);
        }
        String score = weightless(q.text()) ? "0.0" : "bm25(search, 10.0, 3.0, 3.0, 1.0)";
        return SearchSql.window(q, match, ceiling, score, this);
    }

    /**
     * True when bm25 cannot tell the matches apart, so that ranking them by recency alone is
     * what bm25 would do: every word of the query is in more than half the archive's versions,
     * where FTS5 floors the word's IDF to 1e-6 (such a word weighs nothing; only the floor's
     * rounding is left). Computing bm25 costs a walk of each word's whole doclist (FTS5 counts
     * the rows of each phrase on the first call), 4 ms for a word in 150,000 versions, the bulk
     * of a search for common words; this check costs two walks of {@link SearchSql#SAMPLE}
     * matches per word ({@link SearchSql#weightless}).
     *
     * <p>Only for plain words (AND); a word common only lately is ranked by bm25.
     */
    boolean weightless(String typed) throws SQLException {
        return SearchSql.plainWords(typed)
                && SearchSql.weightless(
                        jdbc,
                        typed,
                        SqliteSearch::ftsQuery,
                        "SELECT min(rowid), max(rowid), count(*) FROM (SELECT rowid FROM search WHERE search MATCH ?"
                                + " ORDER BY rowid %s LIMIT ?)");
    }

    /** FTS5 reports a query it cannot read as SQLITE_ERROR: that is the reader's, not ours. */
    @Override
    public SQLException unreadable(SQLException e) {
        if (SqliteErrors.code(e) == 1) {
            throw new QueryException(
                    "cannot read the query: " + SqliteErrors.plain(e).replace("fts5: ", ""));
        }
        return e;
    }

    /** The newest rowid matching {@code match}, or 0 when nothing does. */
    private long ceiling(String match) throws SQLException {
        try {
            return jdbc.first(
                            "SELECT rowid FROM search WHERE search MATCH ? ORDER BY rowid DESC LIMIT 1",
                            rs -> rs.getLong(1),
                            match)
                    .orElse(0L);
        } catch (SQLException e) {
            throw unreadable(e);
        }
    }

    /** The rowid of the {@code n}-th newest match of {@code match} below {@code ceiling}, or 0 when it has fewer. */
    @Override
    public long floor(String match, long ceiling, int n) throws SQLException {
        try {
            return jdbc.first(
                            "SELECT rowid FROM search WHERE search MATCH ? AND rowid <= ? ORDER BY rowid DESC"
                                    + " LIMIT 1 OFFSET ?",
                            rs -> rs.getLong(1),
                            match,
                            ceiling,
                            n)
                    .orElse(0L);
        } catch (SQLException e) {
            throw unreadable(e);
        }
    }

    @Override
    public List<SearchHit> hits(List<Candidate> page, String match) throws SQLException {
        if (page.isEmpty()) {
            return List.of();
        }
        // Every snippet in one walk of the match's doclist over the page's rowid range, the IN
        // list a mere filter (the unary + keeps SQLite from handing it to FTS5). Given to FTS5,
        // each rowid of the list is one more query of the index: for a prefix such as pres*,
        // which FTS5 answers by merging the doclists of every word it begins, 20 merges cost
        // 9 ms where one costs 0.4. The range lies within the window, which was walked already.
        Map<Long, String> snippets = new HashMap<>();
        List<Object> params = new ArrayList<>();
        params.add(match);
        params.add(page.stream().mapToLong(Candidate::rowid).min().orElseThrow());
        params.add(page.stream().mapToLong(Candidate::rowid).max().orElseThrow());
        page.forEach(c -> params.add(c.rowid()));
        jdbc.forEach(
                "SELECT rowid, snippet(search, -1, char(1), char(2), '…', 24) FROM search"
                        + " WHERE search MATCH ? AND rowid BETWEEN ? AND ? AND +rowid IN ("
                        + Jdbc.placeholders(page.size()) + ")",
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

    @Override
    public void clear() throws SQLException {
        jdbc.update("INSERT INTO search (search) VALUES ('delete-all')"); // external content: FTS5 is told
        jdbc.update("DELETE FROM search_docs");
    }

    @Override
    public int buildMissing() throws SQLException {
        long before = jdbc.first("SELECT COALESCE(max(id), 0) FROM search_docs", rs -> rs.getLong(1))
                .orElse(0L);
        int added = jdbc.update(Search.missingRows(
                "COALESCE((SELECT group_concat(value, ' ; ') FROM json_each(b.stories)), '')",
                "COALESCE((SELECT group_concat(value, ' ; ') FROM json_each(b.links)), '')",
                "COALESCE((SELECT group_concat(json_extract(value, '$.outlet'), ' ; ') FROM json_each(b.sources)), '')",
                before > 0));
        // external content: FTS5 indexes the new rows when told (rowids above those it has)
        jdbc.update(
                "INSERT INTO search (rowid, text, stories, links, outlets)"
                        + " SELECT id, text, stories, links, outlets FROM search_docs WHERE id > ?",
                before);
        return added;
    }

    /** The cited URLs of {@code domain} after URL {@code after} (null: from the first), with their events. */
    @Override
    public List<DomainSource> ofDomain(String domain, String after, int limit) throws SQLException {
        return SearchSql.ofDomain(jdbc, domain, after, limit);
    }
}
