package org.currents.store.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.currents.model.SourceMeta;
import org.currents.store.CitedUrl;
import org.currents.store.EnrichSelection;
import org.currents.store.SourceStore;

/**
 * The SQL of source metadata ({@code source_meta}, migration V2) on the store's connection.
 * {@code Store} delegates its {@link SourceStore} methods here. Times are stored as
 * ISO-8601 UTC text to the second ({@code 2017-08-13T03:50:22Z}), so that text order is time
 * order. Each write is one statement, atomic in autocommit mode.
 */
public final class Sources implements SourceStore {
    private static final String COLUMNS = "url, final_url, http_status, outcome, fetched_at, title, description, image,"
            + " site_name, published, modified, canonical_url, language, author, archive_url";

    // every column but the key from the row that conflicted: what INSERT OR REPLACE did
    private static final String UPDATE_ALL = java.util.Arrays.stream(COLUMNS.split(",\\s*"))
            .skip(1)
            .map(c -> c + " = excluded." + c)
            .collect(java.util.stream.Collectors.joining(", "));

    private final Jdbc jdbc;
    private final Dialect dialect;

    public Sources(Connection connection, Dialect dialect) {
        this.dialect = dialect;
        this.jdbc = new Jdbc(connection);
    }

    @Override
    public Map<String, SourceMeta> sourceMeta(Collection<String> urls) {
        Map<String, SourceMeta> found = new LinkedHashMap<>();
        // a chunk at a time, so that a failure names the chunk it broke on
        for (List<String> chunk : Jdbc.chunks(urls)) {
            try {
                jdbc.forEachIn("SELECT " + COLUMNS + " FROM source_meta WHERE url IN", chunk, rs -> {
                    SourceMeta meta = row(rs);
                    found.put(meta.url(), meta);
                });
            } catch (SQLException e) {
                throw dialect.wrap("read source metadata of " + chunk.size() + " URLs from " + chunk.get(0), e);
            }
        }
        return found;
    }

    @Override
    public void saveSourceMeta(SourceMeta m) {
        try {
            jdbc.update(
                    "INSERT INTO source_meta (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
                            + " ON CONFLICT (url) DO UPDATE SET " + UPDATE_ALL,
                    m.url(),
                    m.finalUrl(),
                    m.httpStatus(),
                    m.outcome(),
                    time(m.fetchedAt()),
                    m.title(),
                    m.description(),
                    m.image(),
                    m.siteName(),
                    m.published(),
                    m.modified(),
                    m.canonicalUrl(),
                    m.language(),
                    m.author(),
                    m.archiveUrl());
        } catch (SQLException e) {
            throw dialect.wrap("save source metadata of " + m.url(), e);
        }
    }

    @Override
    public List<CitedUrl> urlsToEnrich(EnrichSelection s) {
        String sql = """
                SELECT c.url, MIN(e.day) AS day
                FROM citations c
                JOIN events e ON e.id = c.event_id
                LEFT JOIN source_meta m ON m.url = c.url
                WHERE (? = 1 OR c.ord = 0)
                  AND (CAST(? AS TEXT) IS NULL OR e.day >= ?)
                  AND (CAST(? AS TEXT) IS NULL OR e.day <= ?)
                  AND (? = 1 OR m.url IS NULL OR m.fetched_at < ?)
                GROUP BY c.url
                ORDER BY day, c.url
                LIMIT ?""";
        String from = s.from() == null ? null : s.from().toString();
        String to = s.to() == null ? null : s.to().toString();
        try {
            return jdbc.list(
                    sql,
                    rs -> new CitedUrl(rs.getString(1), day(rs.getString(2))),
                    // flags as 1 and 0, which is what sqlite-jdbc's setBoolean binds
                    s.allSources() ? 1 : 0,
                    from,
                    from,
                    to,
                    to,
                    s.refresh() ? 1 : 0,
                    // No max age: compare with the empty string, before every time.
                    s.fetchedBefore() == null ? "" : time(s.fetchedBefore()),
                    s.limit() == 0 ? Long.MAX_VALUE : (long) s.limit());
        } catch (SQLException e) {
            throw dialect.wrap("select URLs to enrich for " + s, e);
        }
    }

    @Override
    public Map<String, Long> sourceOutcomeCounts() {
        Map<String, Long> counts = new TreeMap<>();
        try {
            jdbc.forEach(
                    "SELECT outcome, COUNT(*) FROM source_meta GROUP BY outcome",
                    rs -> counts.put(rs.getString(1), rs.getLong(2)));
            return counts;
        } catch (SQLException e) {
            throw dialect.wrap("count source outcomes", e);
        }
    }

    private static SourceMeta row(ResultSet rs) throws SQLException {
        return new SourceMeta(
                rs.getString(1),
                rs.getString(2),
                rs.getInt(3),
                rs.getString(4),
                Instant.parse(rs.getString(5)),
                rs.getString(6),
                rs.getString(7),
                rs.getString(8),
                rs.getString(9),
                rs.getString(10),
                rs.getString(11),
                rs.getString(12),
                rs.getString(13),
                rs.getString(14),
                rs.getString(15));
    }

    static String time(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static LocalDate day(String text) {
        try {
            return text == null ? null : LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
