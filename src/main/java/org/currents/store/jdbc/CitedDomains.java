package org.currents.store.jdbc;

import java.nio.charset.StandardCharsets;

/**
 * The domain of a cited URL as {@code citations.domain} holds it: the host, lower case (ASCII
 * letters only, as SQLite's {@code lower}), without {@code www.}, port or user; empty for a URL
 * without {@code ://}. The very value of the SQL expression that migration V4 made a generated
 * column and V8 computes once for older rows ({@code CitedDomainsTest} compares the two): the
 * writer computes it instead of SQLite, which spent more on that expression than on the rest of
 * the citation's insert.
 */
final class CitedDomains {
    private CitedDomains() {}

    static String of(String url) {
        String u = url;
        if (hasSurrogate(u)) {
            // the driver stores text as UTF-8, a lone surrogate as '?': compute on what is stored
            u = new String(u.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        }
        int scheme = u.indexOf("://");
        if (scheme < 0) {
            return "";
        }
        String rest = u.substring(scheme + 3);
        int end = rest.length();
        for (int i = 0; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (c == '/' || c == '?' || c == '#') {
                end = i;
                break;
            }
        }
        String authority = rest.substring(0, end);
        String host = authority.substring(authority.indexOf('@') + 1); // after the first '@', if any
        int colon = host.indexOf(':');
        if (colon >= 0) {
            host = host.substring(0, colon);
        }
        host = lowerAscii(host);
        return host.startsWith("www.") ? host.substring(4) : host;
    }

    private static boolean hasSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isSurrogate(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static String lowerAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                char[] out = s.toCharArray();
                for (int k = i; k < out.length; k++) {
                    if (out[k] >= 'A' && out[k] <= 'Z') {
                        out[k] = (char) (out[k] + ('a' - 'A'));
                    }
                }
                return new String(out);
            }
        }
        return s;
    }
}
