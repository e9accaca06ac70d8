package org.currents.store.postgres;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.currents.store.StoreException;
import org.currents.store.Stores;

/**
 * A PostgreSQL archive's address from a {@code --db} value: a libpq connection URI
 * ({@code postgresql://[user[:password]@]host[:port]/database[?user=…&password=…]},
 * https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-CONNSTRING-URIS) or a pgJDBC
 * URL ({@code jdbc:postgresql://host[:port]/database[?…]}), as the JDBC URL without credentials
 * and the connection's properties. {@link #describe} never shows the password.
 *
 * @param jdbcUrl {@code jdbc:postgresql://host:port/database}, parameters other than the
 *     credentials kept
 * @param user the user, or null for the driver's default
 * @param password the password, or null
 * @param describe the value as given, password replaced by {@code ***}
 */
record PostgresUrl(String jdbcUrl, String user, String password, String describe) {
    static boolean accepts(String db) {
        return db.startsWith("postgresql://") || db.startsWith("postgres://") || db.startsWith("jdbc:postgresql:");
    }

    /** @throws StoreException naming the (redacted) value when it names no database */
    static PostgresUrl parse(String db) {
        String describe = Stores.redact(db);
        String rest;
        if (db.startsWith("jdbc:postgresql://")) {
            rest = db.substring("jdbc:postgresql://".length());
        } else if (db.startsWith("postgresql://")) {
            rest = db.substring("postgresql://".length());
        } else if (db.startsWith("postgres://")) {
            rest = db.substring("postgres://".length());
        } else {
            throw new StoreException(
                    "open " + describe + ": a PostgreSQL URL is postgresql://HOST[:PORT]/DATABASE or"
                            + " jdbc:postgresql://HOST[:PORT]/DATABASE",
                    null);
        }
        String query = "";
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        String database = slash < 0 ? "" : decode(rest.substring(slash + 1));
        String user = null;
        String password = null;
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            String info = authority.substring(0, at);
            authority = authority.substring(at + 1);
            int colon = info.indexOf(':');
            user = decode(colon < 0 ? info : info.substring(0, colon));
            password = colon < 0 ? null : decode(info.substring(colon + 1));
        }
        if (authority.isEmpty()) {
            authority = "localhost";
        }
        if (database.isEmpty() || database.contains("/")) {
            throw new StoreException("open " + describe + ": the URL names no database (…/DATABASE)", null);
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            switch (key) {
                case "user" -> user = value;
                case "password" -> password = value;
                default -> params.put(key, value);
            }
        }
        StringBuilder url =
                new StringBuilder("jdbc:postgresql://").append(authority).append('/');
        url.append(java.net.URLEncoder.encode(database, StandardCharsets.UTF_8).replace("+", "%20"));
        String sep = "?";
        for (Map.Entry<String, String> p : params.entrySet()) {
            url.append(sep)
                    .append(p.getKey())
                    .append('=')
                    .append(java.net.URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8));
            sep = "&";
        }
        return new PostgresUrl(url.toString(), user, password, describe);
    }

    /** The driver's connection properties: the credentials. */
    Properties properties() {
        Properties p = new Properties();
        if (user != null) {
            p.setProperty("user", user);
        }
        if (password != null) {
            p.setProperty("password", password);
        }
        return p;
    }

    @Override
    public String toString() {
        return describe; // a record would print the password
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
