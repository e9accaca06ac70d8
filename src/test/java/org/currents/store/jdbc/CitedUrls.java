package org.currents.store.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;

/** What the cited-domain tests of both stores share: the URLs they try, the rows they compare. */
final class CitedUrls {
    private CitedUrls() {}

    /**
     * URL-like strings built from pieces that trip host parsers: schemes, {@code www.} in both
     * cases, users, ports, query and fragment marks, non-ASCII letters whose case changes their
     * length, lone surrogates. No NUL: PostgreSQL's text cannot hold one.
     */
    static Arbitrary<String> urls() {
        Arbitrary<String> piece = Arbitraries.frequencyOf(
                Tuple.of(
                        8,
                        Arbitraries.strings()
                                .withChars("abcXYZ.")
                                .ofMinLength(1)
                                .ofMaxLength(4)),
                Tuple.of(
                        6,
                        Arbitraries.of(
                                "://", "www.", "WWW.", "/", "?", "#", "@", ":", "http", "https", ":80", "%", "_")),
                Tuple.of(2, Arbitraries.of("é", "É", "İ", "ß", " ", "\u00a0", "😀", "\ud800", "\udc00")));
        return piece.list().ofMaxSize(10).map(ps -> String.join("", ps));
    }

    /** Every citation row as {@code "event ord url domain"}, in key order. */
    static List<String> rows(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT event_id, ord, url, domain FROM citations ORDER BY 1, 2")) {
            while (rs.next()) {
                out.add(rs.getString(1) + " " + rs.getInt(2) + " " + rs.getString(3) + " " + rs.getString(4));
            }
        }
        return out;
    }
}
