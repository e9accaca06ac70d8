package org.currents.store.postgres;

import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.currents.model.EventStatus;
import org.currents.store.DomainSource;
import org.currents.store.QueryException;
import org.currents.store.SearchHit;
import org.currents.store.SearchPage;
import org.currents.store.SearchQuery;
import org.currents.store.jdbc.Jdbc;
import org.currents.store.jdbc.Search;

/**
 * Full-text search over the tsvector rows of PostgreSQL's V5 ({@code search_docs}: one row per
 * version of every event, with the event id, whether the version is live, and the event's day,
 * status and category), with the semantics of the SQLite store's FTS5 search: the same query
 * syntax ({@link TsQueries}), the same filters, the same ranked set (the {@link #WINDOW} newest
 * matching versions that pass the filters, newest by id as SQLite's by rowid, both growing with
 * import order), the same stable paging below a ceiling, the same shortcut for words in most of
 * the archive (ranked by day alone), ties broken by the newer day, snippets marked with {@link
 * SearchHit#MARK_START} and {@link SearchHit#MARK_END}. Scores are {@code -ts_rank} with the
 * text weighing most (lower is better, as bm25's are); their values differ from SQLite's.
 */
final class PostgresSearch implements Search {
    /** Matching versions ranked per query, at most; every page is a slice of this ranking. */
    static final int WINDOW = 500;

    /** Matches of the term a filtered query examines, at most (the newest ones). */
    static final int EXAMINED = 3000;

    /** Matches sampled at each end of the archive by {@link #weightless}. */
    static final int SAMPLE = 500;

    /** The share of versions a word must match at both ends for {@link #weightless}. */
    static final double DENSE = 0.6;

    /** Words separated by spaces, nothing else: every one must match (AND). */
    private static final Pattern PLAIN_WORDS = Pattern.compile("[\\p{L}\\p{N}]+(?: [\\p{L}\\p{N}]+)*");

    private static final Set<String> OPERATORS = Set.of("AND", "OR", "NOT", "NEAR");

    // weights of {D, C, B, A}: outlets 1, stories and links 3, text 10, as bm25's in SQLite
    private static final String RANK = "ts_rank('{0.1, 0.1, 0.3, 1.0}', d.doc, q)";

    private static final String MATCHES =
            " FROM to_tsquery('simple', currents_unaccent(?)) q, search_docs d" + " WHERE d.doc @@ q";

    private final Jdbc jdbc;

    PostgresSearch(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    private record Candidate(String id, LocalDate day, double score, long rowid) {}

    @Override
    public SearchPage search(SearchQuery q) throws SQLException {
        String query = TsQueries.of(q.text());
        long ceiling = q.ceiling() > 0 ? q.ceiling() : ceiling(query);
        if (ceiling == 0) {
            return new SearchPage(List.of(), false, false, 0);
        }
        String score = weightless(q.text(), query) ? "0.0" : "-" + RANK;
        StringBuilder sql = new StringBuilder("SELECT d.event_id, d.day, " + score + ", d.id" + MATCHES
                + " AND d.id <= ? AND d.live = 1 AND d.status IS NOT NULL");
        List<Object> params = new ArrayList<>();
        params.add(query);
        params.add(ceiling);
        boolean filtered = q.category() != null
                || q.from() != null
                || q.to() != null
                || q.status() != null
                || q.topic() != null
                || q.domain() != null;
        long floor = 0;
        if (filtered) {
            floor = floor(query, ceiling, EXAMINED);
            sql.append(" AND d.id >= ?");
            params.add(floor);
        }
        if (q.category() != null) {
            sql.append(" AND d.category = ?");
            params.add(q.category());
        }
        if (q.from() != null) {
            sql.append(" AND d.day >= ?");
            params.add(q.from().toString());
        }
        if (q.to() != null) {
            sql.append(" AND d.day <= ?");
            params.add(q.to().toString());
        }
        if (q.status() != null) {
            sql.append(" AND d.status = ?");
            params.add(q.status().label());
        }
        if (q.topic() != null) {
            sql.append(" AND EXISTS (SELECT 1 FROM contexts x WHERE x.event_id = d.event_id AND x.key = ?)");
            params.add(q.topic());
        }
        if (q.domain() != null) {
            sql.append(" AND EXISTS (SELECT 1 FROM citations ci WHERE ci.event_id = d.event_id AND ci.domain = ?)");
            params.add(q.domain().toLowerCase(Locale.ROOT));
        }
        sql.append(" ORDER BY d.id DESC LIMIT ?");
        params.add(WINDOW);
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
        return new SearchPage(hits(page, query), ranked.size() > end, rows[0] >= WINDOW || floor > 0, ceiling);
    }

    /**
     * True when every word of a plain query (words, no operators) is in at least {@link #DENSE}
     * of the versions at both ends of the archive, where SQLite's bm25 weighs such words nothing
     * (FTS5 floors their IDF) and ranks by day alone: the same rule here, so that the two stores
     * order a query of common words alike (ts_rank, which knows no IDF, would not).
     */
    private boolean weightless(String typed, String query) throws SQLException {
        String words = typed.strip().replaceAll("\\s+", " ");
        if (!PLAIN_WORDS.matcher(words).matches()
                || Arrays.stream(words.split(" ")).anyMatch(OPERATORS::contains)) {
            return false;
        }
        for (String order : new String[] {"DESC", "ASC"}) {
            long[] walk = jdbc.first(
                            "SELECT min(id), max(id), count(*) FROM (SELECT d.id" + MATCHES + " ORDER BY d.id " + order
                                    + " LIMIT ?) w",
                            rs -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)},
                            query,
                            SAMPLE)
                    .orElseThrow();
            if (walk[2] < SAMPLE) {
                return false; // a small match set: ranking it is cheap, and it ranks
            }
            long versions = jdbc.first(
                            "SELECT count(*) FROM search_docs WHERE id BETWEEN ? AND ?",
                            rs -> rs.getLong(1),
                            walk[0],
                            walk[1])
                    .orElse(0L);
            if (walk[2] < DENSE * versions) {
                return false;
            }
        }
        return true;
    }

    /** A query PostgreSQL could not read (42601) as the reader's error; others as they are. */
    private static SQLException unreadable(SQLException e) {
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
    private long floor(String query, long ceiling, int n) throws SQLException {
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
                "SELECT id, text, stories, links, outlets FROM search_docs WHERE id IN ("
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
    public void clear() throws SQLException {
        jdbc.update("DELETE FROM search_docs");
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
