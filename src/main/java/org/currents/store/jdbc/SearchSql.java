package org.currents.store.jdbc;

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
import org.currents.store.SearchHit;
import org.currents.store.SearchPage;
import org.currents.store.SearchQuery;

/**
 * What the dialects' searches share: the bounds of the ranked set, the filters of a {@link
 * SearchQuery} as SQL over {@code search_docs d} (migration V5 of both dialects: one row per
 * version with the event id, whether the version is live, and the event's day, status and
 * category), the ranking and paging of the matches, the events' heads for the hits, and the
 * sources of a domain. The matching itself (FTS5, tsvector) is each dialect's.
 */
public final class SearchSql {
    /** Matching versions ranked per query, at most; every page is a slice of this ranking. */
    public static final int WINDOW = 500;

    /**
     * Matches of the term a filtered query examines, at most: a filter that few matches pass
     * would otherwise walk every match of a common term, so it looks among the newest ones.
     */
    public static final int EXAMINED = 3000;

    /** Matches sampled at each end of the archive to tell whether a plain query is weightless. */
    public static final int SAMPLE = 500;

    /**
     * The share of versions every word of a plain query must match at both ends of the archive
     * to be ranked by the newer day alone: well above half, where FTS5 floors a word's IDF.
     */
    public static final double DENSE = 0.6;

    /**
     * The most versions {@link #SAMPLE} matches may span at one end of the archive for a word
     * to be {@link #DENSE} there: 833 (500 matches in 834 versions are 59.95 %).
     */
    public static final int SPAN = (int) Math.floor(SAMPLE / DENSE);

    /** Words separated by spaces, nothing else: every one must match (AND). */
    private static final Pattern PLAIN_WORDS = Pattern.compile("[\\p{L}\\p{N}]+(?: [\\p{L}\\p{N}]+)*");

    private static final Set<String> OPERATORS = Set.of("AND", "OR", "NOT", "NEAR");

    private SearchSql() {}

    /** A matching version: its event, day, score (lower is better) and search row. */
    public record Candidate(String id, LocalDate day, double score, long rowid) {}

    /** What one store's full-text index adds to the shared walk of {@link #window}. */
    public interface Index {
        /** The store's connection. */
        Jdbc jdbc();

        /**
         * {@code SELECT d.event_id, d.day, <score>, <id> FROM … WHERE <the match, one parameter>}
         * over the search rows joined to {@code search_docs d}.
         */
        String select(String score);

        /** The column of the search row's id, growing with import order ({@code s.rowid}, {@code d.id}). */
        String id();

        /** The id of the {@code n}-th newest match of {@code query} below {@code ceiling}, or 0 when it has fewer. */
        long floor(String query, long ceiling, int n) throws SQLException;

        /** The hits of {@code page}, with their snippets. */
        List<SearchHit> hits(List<Candidate> page, String query) throws SQLException;

        /** {@code e} as the reader's error when the engine could not read the query, else {@code e}. */
        SQLException unreadable(SQLException e);
    }

    /**
     * The page {@code q} asks for, the same way on every store: the {@link #WINDOW} newest live
     * matches at or below {@code ceiling} that pass the filters (among the {@link #EXAMINED}
     * newest when filtered), ranked by {@code score} then the newer day, paged by offset.
     */
    public static SearchPage window(SearchQuery q, String query, long ceiling, String score, Index index)
            throws SQLException {
        String id = index.id();
        StringBuilder sql =
                new StringBuilder(index.select(score) + " AND " + id + " <= ? AND d.live = 1 AND d.status IS NOT NULL");
        List<Object> params = new ArrayList<>();
        params.add(query);
        params.add(ceiling);
        long floor = 0;
        if (filtered(q)) {
            // the id of the EXAMINED-th newest match: a walk of the index alone
            floor = index.floor(query, ceiling, EXAMINED);
            sql.append(" AND ").append(id).append(" >= ?");
            params.add(floor);
        }
        appendFilters(q, sql, params);
        sql.append(" ORDER BY ").append(id).append(" DESC LIMIT ?");
        params.add(WINDOW);
        List<Candidate> matches = new ArrayList<>();
        // a window's 500 rows fall on a few dozen days: each is parsed once (java.time's parser
        // showed in the server's profile, beside the ranking's sort)
        Map<String, LocalDate> days = new HashMap<>();
        try {
            index.jdbc()
                    .forEach(
                            sql.toString(),
                            rs -> matches.add(new Candidate(
                                    rs.getString(1),
                                    days.computeIfAbsent(rs.getString(2), LocalDate::parse),
                                    rs.getDouble(3),
                                    rs.getLong(4))),
                            params.toArray());
        } catch (SQLException e) {
            throw index.unreadable(e);
        }
        List<Candidate> ranked = ranked(matches);
        int end = Math.min(ranked.size(), q.offset() + q.limit());
        List<Candidate> page = q.offset() >= ranked.size() ? List.of() : ranked.subList(q.offset(), end);
        return new SearchPage(
                page.isEmpty() ? List.of() : index.hits(page, query),
                ranked.size() > end,
                matches.size() >= WINDOW || floor > 0,
                ceiling);
    }

    /** Whether {@code typed} is words separated by spaces, none of them an operator. */
    public static boolean plainWords(String typed) {
        String words = typed.strip().replaceAll("\\s+", " ");
        return PLAIN_WORDS.matcher(words).matches()
                && Arrays.stream(words.split(" ")).noneMatch(OPERATORS::contains);
    }

    /**
     * Whether every word of {@code typed}, a query of {@link #plainWords}, is in at least {@link
     * #DENSE} of the versions at both ends of the archive: then the stores rank its matches by
     * the newer day alone, as bm25 does when FTS5 floors each word's IDF (a word in more than
     * half of the rows weighs 1e-6). Each word is sampled by itself: the rows of two such words
     * together may be fewer than {@link #DENSE}, and bm25 would still weigh both nothing (its
     * IDF is a word's, not the query's), while paying a walk of each word's whole doclist.
     *
     * @param match the store's query for one word
     * @param walk the store's {@code SELECT min(id), max(id), count(*)} over the {@link
     *     #SAMPLE} newest ({@code %s} is {@code DESC}) or oldest ({@code ASC}) matches of one
     *     parameter, the query, and a second, the limit
     */
    public static boolean weightless(
            Jdbc jdbc, String typed, java.util.function.UnaryOperator<String> match, String walk) throws SQLException {
        for (String word : words(typed)) {
            if (!dense(jdbc, match.apply(word), walk)) {
                return false;
            }
        }
        return true;
    }

    /** The distinct words of {@code typed}, a query of {@link #plainWords}, lower-cased, in order. */
    public static Set<String> words(String typed) {
        return new java.util.LinkedHashSet<>(
                Arrays.asList(typed.strip().toLowerCase(Locale.ROOT).split("\\s+")));
    }

    /** Whether {@code query}'s matches are {@link #DENSE} among the versions at both ends of the archive. */
    private static boolean dense(Jdbc jdbc, String query, String walk) throws SQLException {
        for (String order : new String[] {"DESC", "ASC"}) {
            long[] w = jdbc.first(
                            walk.formatted(order),
                            rs -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)},
                            query,
                            SAMPLE)
                    .orElseThrow();
            if (w[2] < SAMPLE) {
                return false; // a small match set: bm25 is cheap, and it ranks
            }
            // Counted up to the first count that fails the test: the versions between the
            // sampled matches of a rare word are many (5 ms to count 50,000 rows of
            // search_docs), and how many beyond that bound changes nothing.
            long bound = (long) Math.floor(w[2] / DENSE) + 1;
            long versions = jdbc.first(
                            "SELECT count(*) FROM (SELECT 1 FROM search_docs WHERE id BETWEEN ? AND ? LIMIT ?) v",
                            rs -> rs.getLong(1),
                            w[0],
                            w[1],
                            bound)
                    .orElse(0L);
            if (w[2] < DENSE * versions) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code q} has a filter (then the search examines the newest matches only). */
    public static boolean filtered(SearchQuery q) {
        return q.category() != null
                || q.from() != null
                || q.to() != null
                || q.status() != null
                || q.topic() != null
                || q.domain() != null;
    }

    /** Appends {@code q}'s filters ({@code AND …} over {@code search_docs d}) to {@code sql} and their values to {@code params}. */
    public static void appendFilters(SearchQuery q, StringBuilder sql, List<Object> params) {
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
    }

    /**
     * The best candidate of each event, ranked by score, then the newer day, then id: the whole
     * ranked list, for the page {@code [offset, offset + limit)} to be cut from.
     */
    public static List<Candidate> ranked(Iterable<Candidate> matches) {
        Map<String, Candidate> best = new HashMap<>(2 * WINDOW);
        for (Candidate c : matches) {
            best.merge(c.id(), c, (a, b) -> b.score() < a.score() ? b : a);
        }
        List<Candidate> ranked = new ArrayList<>(best.values());
        ranked.sort(RANKING);
        return ranked;
    }

    /**
     * Score, then the newer day, then id: one comparator written out, where the chain of
     * {@code comparingDouble(…).thenComparing(…)} showed in the server's profile (three
     * lambdas and a boxed reverse order per comparison, 4,000 comparisons a window).
     */
    private static final Comparator<Candidate> RANKING = (a, b) -> {
        int c = Double.compare(a.score(), b.score());
        if (c == 0) {
            c = b.day().compareTo(a.day());
        }
        return c != 0 ? c : a.id().compareTo(b.id());
    };

    /** The hits of {@code page}, in its order, with the snippets by search row. */
    public static List<SearchHit> hits(Jdbc jdbc, List<Candidate> page, Map<Long, String> snippets)
            throws SQLException {
        Map<String, String[]> heads = new HashMap<>();
        jdbc.forEachIn(
                "SELECT e.id, e.status, b.text, b.category FROM events e JOIN bullets b ON b.key = e.bullet_key"
                        + " WHERE e.id IN",
                page.stream().map(Candidate::id).toList(),
                rs -> heads.put(rs.getString(1), new String[] {rs.getString(2), rs.getString(3), rs.getString(4)}));
        return hits(page, heads, snippets);
    }

    /**
     * The hits of {@code page}, in its order, from the heads of its events (by event id: status,
     * text, category) and the snippets by search row.
     */
    public static List<SearchHit> hits(List<Candidate> page, Map<String, String[]> heads, Map<Long, String> snippets) {
        Map<String, SearchHit> out = new LinkedHashMap<>();
        for (Candidate c : page) {
            String[] h = heads.get(c.id());
            out.put(
                    c.id(),
                    new SearchHit(
                            c.id(),
                            c.day(),
                            h[1],
                            h[2],
                            EventStatus.valueOf(h[0].toUpperCase(Locale.ROOT)),
                            snippets.getOrDefault(c.rowid(), ""),
                            c.score()));
        }
        return List.copyOf(out.values());
    }

    /** The cited URLs of {@code domain} after URL {@code after} (null: from the first), with their events. */
    public static List<DomainSource> ofDomain(Jdbc jdbc, String domain, String after, int limit) throws SQLException {
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
