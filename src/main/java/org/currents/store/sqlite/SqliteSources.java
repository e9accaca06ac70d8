package org.currents.store.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.currents.model.SourceMeta;
import org.currents.store.CitedUrl;
import org.currents.store.EnrichSelection;
import org.currents.store.SourceStore;
import org.currents.store.StoreException;

/**
 * The SQL of source metadata ({@code source_meta}, migration V2) on one SQLite connection.
 * {@code SqliteStore} delegates its {@link SourceStore} methods here. Times are stored as
 * ISO-8601 UTC text to the second ({@code 2017-08-13T03:50:22Z}), so that text order is time
 * order. Each write is one statement, atomic in autocommit mode.
 */
final class SqliteSources implements SourceStore {
    /** SQLite allows 999 parameters in old builds; stay well below. */
    private static final int CHUNK = 500;

    private static final String COLUMNS = "url, final_url, http_status, outcome, fetched_at, title, description, image,"
            + " site_name, published, modified, canonical_url, language, author, archive_url";

    private final Connection connection;

    SqliteSources(Connection connection) {
        this.connection = connection;
    }

    @Override
    public Map<String, SourceMeta> sourceMeta(Collection<String> urls) {
        Map<String, SourceMeta> found = new LinkedHashMap<>();
        List<String> all = new ArrayList<>(urls);
        for (int from = 0; from < all.size(); from += CHUNK) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
            String sql =
                    "SELECT " + COLUMNS + " FROM source_meta WHERE url IN (" + "?,".repeat(chunk.size() - 1) + "?)";
            try (PreparedStatement st = connection.prepareStatement(sql)) {
                for (int i = 0; i < chunk.size(); i++) {
                    st.setString(i + 1, chunk.get(i));
                }
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        SourceMeta meta = row(rs);
                        found.put(meta.url(), meta);
                    }
                }
            } catch (SQLException e) {
                throw new StoreException("read source metadata of " + chunk.size() + " URLs from " + chunk.get(0), e);
            }
        }
        return found;
    }

    @Override
    public void saveSourceMeta(SourceMeta m) {
        String sql = "INSERT OR REPLACE INTO source_meta (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            st.setString(1, m.url());
            setText(st, 2, m.finalUrl());
            st.setInt(3, m.httpStatus());
            st.setString(4, m.outcome());
            st.setString(5, time(m.fetchedAt()));
            setText(st, 6, m.title());
            setText(st, 7, m.description());
            setText(st, 8, m.image());
            setText(st, 9, m.siteName());
            setText(st, 10, m.published());
            setText(st, 11, m.modified());
            setText(st, 12, m.canonicalUrl());
            setText(st, 13, m.language());
            setText(st, 14, m.author());
            setText(st, 15, m.archiveUrl());
            st.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("save source metadata of " + m.url(), e);
        }
    }

    @Override
    public List<CitedUrl> urlsToEnrich(EnrichSelection s) {
        String sql = """
                SELECT c.url, MIN(e.day) AS day
                FROM citations c
                JOIN events e ON e.id = c.event_id
                LEFT JOIN source_meta m ON m.url = c.url
                WHERE (? OR c.ord = 0)
                  AND (? IS NULL OR e.day >= ?)
                  AND (? IS NULL OR e.day <= ?)
                  AND (? OR m.url IS NULL OR m.fetched_at < ?)
                GROUP BY c.url
                ORDER BY day, c.url
                LIMIT ?""";
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            st.setBoolean(1, s.allSources());
            String from = s.from() == null ? null : s.from().toString();
            String to = s.to() == null ? null : s.to().toString();
            setText(st, 2, from);
            setText(st, 3, from);
            setText(st, 4, to);
            setText(st, 5, to);
            st.setBoolean(6, s.refresh());
            // No max age: compare with the empty string, before every time.
            st.setString(7, s.fetchedBefore() == null ? "" : time(s.fetchedBefore()));
            st.setInt(8, s.limit() == 0 ? -1 : s.limit());
            List<CitedUrl> urls = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    urls.add(new CitedUrl(rs.getString(1), day(rs.getString(2))));
                }
            }
            return urls;
        } catch (SQLException e) {
            throw new StoreException("select URLs to enrich for " + s, e);
        }
    }

    @Override
    public Map<String, Long> sourceOutcomeCounts() {
        Map<String, Long> counts = new TreeMap<>();
        try (PreparedStatement st =
                        connection.prepareStatement("SELECT outcome, COUNT(*) FROM source_meta GROUP BY outcome");
                ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getLong(2));
            }
            return counts;
        } catch (SQLException e) {
            throw new StoreException("count source outcomes", e);
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

    private static void setText(PreparedStatement st, int index, String value) throws SQLException {
        if (value == null) {
            st.setNull(index, Types.VARCHAR);
        } else {
            st.setString(index, value);
        }
    }
}
