package org.currents.store.postgres;

import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.currents.model.EventStatus;
import org.currents.store.DomainSource;
import org.currents.store.QueryException;
import org.currents.store.SearchHit;
import org.currents.store.SearchPage;
import org.currents.store.SearchQuery;
import org.currents.store.VersionRules;
import org.currents.store.jdbc.Jdbc;
import org.currents.store.jdbc.Search;

/**
 * Full-text search over the tsvector table of PostgreSQL's V4, with the semantics of the SQLite
 * store's FTS5 search: the same query syntax ({@link TsQueries}), the same filters, the ranked
 * set bounded to the newest matching versions (widened as a reader pages deeper), ties broken by
 * the newer day, snippets marked with {@link SearchHit#MARK_START} and {@link
 * SearchHit#MARK_END}. Scores are {@code -ts_rank} with the text weighing most (lower is better,
 * as bm25's are); their values differ from SQLite's.
 */
final class PostgresSearch implements Search {
    static final int WINDOW = 300;
    static final int EXAMINED = 3000;

    // weights of {D, C, B, A}: outlets 1, stories and links 3, text 10, as bm25's in SQLite
    private static final String RANK = "ts_rank('{0.1, 0.1, 0.3, 1.0}', s.doc, q)";

    private final Jdbc jdbc;

    PostgresSearch(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    private record Candidate(String id, LocalDate day, double score, long rowid) {}

    @Override
    public SearchPage search(SearchQuery q) throws SQLException {
        String query = TsQueries.of(q.text());
        int window = Math.max(WINDOW, (q.offset() + q.limit() + 1) * 4);
        StringBuilder sql = new StringBuilder("SELECT e.id, e.day, -" + RANK + ", s.rowid"
                + " FROM to_tsquery('simple', currents_unaccent(?)) q, search s JOIN versions v ON v.bullet_key = s.key"
                + " JOIN revisions r ON r.id = v.revision_id JOIN events e ON e.id = v.event_id");
        List<Object> params = new ArrayList<>();
        params.add(query);
        if (q.category() != null) {
            sql.append(" JOIN bullets cb ON cb.key = e.bullet_key");
        }
        sql.append(" WHERE s.doc @@ q AND ").append(VersionRules.countsSql("r", "v"));
        boolean filtered = q.category() != null
                || q.from() != null
                || q.to() != null
                || q.status() != null
                || q.topic() != null
                || q.domain() != null;
        long floor = 0;
        if (filtered) {
            floor = floor(query, Math.max(EXAMINED, window * 3));
            sql.append(" AND s.rowid >= ?");
            params.add(floor);
        }
        if (q.category() != null) {
            sql.append(" AND cb.category = ?");
            params.add(q.category());
        }
        if (q.from() != null) {
            sql.append(" AND e.day >= ?");
            params.add(q.from().toString());
        }
        if (q.to() != null) {
            sql.append(" AND e.day <= ?");
            params.add(q.to().toString());
        }
        if (q.status() != null) {
            sql.append(" AND e.status = ?");
            params.add(q.status().label());
        }
        if (q.topic() != null) {
            sql.append(" AND EXISTS (SELECT 1 FROM contexts x WHERE x.event_id = e.id AND x.key = ?)");
            params.add(q.topic());
        }
        if (q.domain() != null) {
            sql.append(" AND EXISTS (SELECT 1 FROM citations ci WHERE ci.event_id = e.id AND ci.domain = ?)");
            params.add(q.domain().toLowerCase(Locale.ROOT));
        }
        sql.append(" ORDER BY s.rowid DESC LIMIT ?");
        params.add(window);
        Map<String, Candidate> best = new HashMap<>();
        int[] rows = {0};
        try {
            jdbc.forEach(
                    sql.toString(),
                    rs -> {
                        rows[0]++;
                        Candidate c = new Candidate(
                                rs.getString(1), LocalDate.parse(rs.getString(2)), rs.getDouble(3), rs.getLong(4));
                        best.merge(c.id, c, (a, b) -> b.score < a.score ? b : a);
                    },
                    params.toArray());
        } catch (SQLException e) {
            throw unreadable(e);
        }
        List<Candidate> ranked = new ArrayList<>(best.values());
        ranked.sort(Comparator.comparingDouble(Candidate::score)
                .thenComparing(Candidate::day, Comparator.reverseOrder())
                .thenComparing(Candidate::id));
        int end = Math.min(ranked.size(), q.offset() + q.limit());
        List<Candidate> page = q.offset() >= ranked.size() ? List.of() : ranked.subList(q.offset(), end);
        return new SearchPage(hits(page, query), ranked.size() > end, rows[0] >= window || floor > 0);
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
                            "SELECT s.rowid FROM to_tsquery('simple', currents_unaccent(?)) q, search s WHERE s.doc @@ q"
                                    + " ORDER BY s.rowid DESC LIMIT 1 OFFSET ?",
                            rs -> rs.getLong(1),
                            query,
                            n)
                    .orElse(0L);
        } catch (SQLException e) {
            throw unreadable(e);
        }
    }

    private List<SearchHit> hits(List<Candidate> page, String query) throws SQLException {
        if (page.isEmpty()) {
            return List.of();
        }
        Map<String, Object[]> heads = new HashMap<>();
        jdbc.forEachIn(
                "SELECT e.id, e.status, b.text, b.category FROM events e JOIN bullets b ON b.key = e.bullet_key"
                        + " WHERE e.id IN",
                page.stream().map(Candidate::id).toList(),
                rs -> heads.put(rs.getString(1), new Object[] {rs.getString(2), rs.getString(3), rs.getString(4)}));
        Map<Long, String> snippets = new HashMap<>();
        List<Object> params = new ArrayList<>();
        params.add(query);
        page.forEach(c -> params.add(c.rowid));
        // the passage of the matching column, marked in Java: PostgreSQL's ts_headline reads words
        // with its own parser (it would not mark "pwned" in "window.__pwned"), FTS5's snippet as
        // the index does
        List<Snippets.Term> terms = Snippets.terms(query);
        jdbc.forEach(
                "SELECT s.rowid, s.text, s.stories, s.links, s.outlets FROM search s WHERE s.rowid IN ("
                        + Jdbc.placeholders(page.size()) + ")",
                rs -> snippets.put(
                        rs.getLong(1),
                        Snippets.of(
                                List.of(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)), terms)),
                params.subList(1, params.size()).toArray());
        Map<String, SearchHit> out = new LinkedHashMap<>();
        for (Candidate c : page) {
            Object[] h = heads.get(c.id);
            out.put(
                    c.id,
                    new SearchHit(
                            c.id,
                            c.day,
                            (String) h[1],
                            (String) h[2],
                            EventStatus.valueOf(((String) h[0]).toUpperCase(Locale.ROOT)),
                            snippets.getOrDefault(c.rowid, ""),
                            c.score));
        }
        return List.copyOf(out.values());
    }

    @Override
    public List<DomainSource> ofDomain(String domain, String after, int limit) throws SQLException {
        Map<String, List<String>> events = new LinkedHashMap<>();
        jdbc.forEach(
                "SELECT url, event_id FROM citations WHERE domain = ? AND url IN (SELECT DISTINCT url FROM citations"
                        + " WHERE domain = ? AND url > ? ORDER BY url LIMIT ?) ORDER BY url, event_id",
                rs -> {
                    List<String> ids = events.computeIfAbsent(rs.getString(1), k -> new ArrayList<>());
                    if (!ids.contains(rs.getString(2))) {
                        ids.add(rs.getString(2));
                    }
                },
                domain,
                domain,
                after == null ? "" : after,
                limit);
        return events.entrySet().stream()
                .map(e -> new DomainSource(e.getKey(), domain, List.copyOf(e.getValue()), null))
                .toList();
    }
}
