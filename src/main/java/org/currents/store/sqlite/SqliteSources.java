package org.currents.store.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.currents.model.SourceMeta;
import org.currents.store.StoreException;

/** The {@code source_meta} table: what enrichment learnt about each cited URL. */
final class SqliteSources {
    private final Connection c;

    SqliteSources(Connection c) {
        this.c = c;
    }

    Map<String, SourceMeta> sourceMeta(Collection<String> urls) {
        Map<String, SourceMeta> out = new HashMap<>();
        List<String> list = new ArrayList<>(urls);
        for (int from = 0; from < list.size(); from += 500) {
            List<String> chunk = list.subList(from, Math.min(list.size(), from + 500));
            String sql = "SELECT * FROM source_meta WHERE url IN ("
                    + "?,".repeat(chunk.size()).replaceAll(",$", "") + ")";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int k = 0; k < chunk.size(); k++) {
                    ps.setString(k + 1, chunk.get(k));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        SourceMeta m = read(rs);
                        out.put(m.url(), m);
                    }
                }
            } catch (SQLException e) {
                throw new StoreException("read source metadata of " + chunk.size() + " URLs", e);
            }
        }
        return out;
    }

    void save(SourceMeta m) {
        String sql = "INSERT OR REPLACE INTO source_meta (url, final_url, http_status, outcome, fetched_at, title,"
                + " description, image, site_name, published, modified, canonical_url, language, author, archive_url)"
                + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, m.url());
            text(ps, 2, m.finalUrl());
            ps.setInt(3, m.httpStatus());
            ps.setString(4, m.outcome());
            ps.setString(5, Codec.instant(m.fetchedAt()));
            text(ps, 6, m.title());
            text(ps, 7, m.description());
            text(ps, 8, m.image());
            text(ps, 9, m.siteName());
            text(ps, 10, m.published());
            text(ps, 11, m.modified());
            text(ps, 12, m.canonicalUrl());
            text(ps, 13, m.language());
            text(ps, 14, m.author());
            text(ps, 15, m.archiveUrl());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("save source metadata of " + m.url(), e);
        }
    }

    private static void text(PreparedStatement ps, int i, String v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.VARCHAR);
        } else {
            ps.setString(i, v);
        }
    }

    private static SourceMeta read(ResultSet rs) throws SQLException {
        return new SourceMeta(
                rs.getString("url"),
                rs.getString("final_url"),
                rs.getInt("http_status"),
                rs.getString("outcome"),
                Codec.instant(rs.getString("fetched_at")),
                rs.getString("title"),
                rs.getString("description"),
                rs.getString("image"),
                rs.getString("site_name"),
                rs.getString("published"),
                rs.getString("modified"),
                rs.getString("canonical_url"),
                rs.getString("language"),
                rs.getString("author"),
                rs.getString("archive_url"));
    }
}
