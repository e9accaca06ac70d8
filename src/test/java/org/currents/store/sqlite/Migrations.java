package org.currents.store.sqlite;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Runs the SQLite migrations from resources, V1 up to a version, the plain way. */
final class Migrations {
    private Migrations() {}

    static void upTo(Connection c, String... names) throws IOException, SQLException {
        for (String name : names) {
            String sql;
            try (InputStream in = Migrations.class.getResourceAsStream("/org/currents/store/sqlite/" + name)) {
                if (in == null) {
                    throw new IOException("no migration " + name);
                }
                sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            StringBuilder plain = new StringBuilder();
            for (String line : sql.split("\n")) {
                int comment = line.indexOf("--");
                plain.append(comment < 0 ? line : line.substring(0, comment)).append('\n');
            }
            try (Statement st = c.createStatement()) {
                for (String statement : plain.toString().split(";")) {
                    if (!statement.isBlank()) {
                        st.execute(statement);
                    }
                }
            }
        }
    }
}
