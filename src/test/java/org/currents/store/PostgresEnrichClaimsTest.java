package org.currents.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * {@link EnrichClaimsContract} on the real PostgreSQL at 127.0.0.1:5432 (trust, user postgres):
 * this class makes a database of its own, creates the tables from {@code
 * store/postgres/V6__enrich_claims.sql}, empties them before each test and drops the database
 * after. The first claims object of a test has a connection of its own; the others borrow one
 * per call from a data source, as a pooled PostgreSQL store's would.
 */
class PostgresEnrichClaimsTest extends EnrichClaimsContract {
    static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    static String database;

    @BeforeAll
    static void createDatabase() throws Exception {
        database = "currents_claims_"
                + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
        try (Connection c = DriverManager.getConnection(SERVER + "postgres", "postgres", "");
                Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + database);
        }
        try (Connection c = connect();
                Statement st = c.createStatement()) {
            for (String statement : statements(ddl())) {
                st.execute(statement);
            }
        }
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        try (Connection c = DriverManager.getConnection(SERVER + "postgres", "postgres", "");
                Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    @BeforeEach
    void empty() throws SQLException {
        try (Connection c = connect();
                Statement st = c.createStatement()) {
            st.execute("TRUNCATE enrich_claims, enrich_hosts, enrich_robots");
        }
    }

    static Connection connect() throws SQLException {
        return DriverManager.getConnection(SERVER + database, "postgres", "");
    }

    static String ddl() throws IOException {
        try (InputStream in = SqlEnrichClaims.class.getResourceAsStream("postgres/V6__enrich_claims.sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The script's statements: comments dropped, split at semicolons that end a line. */
    static java.util.List<String> statements(String sql) {
        java.util.List<String> out = new java.util.ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : sql.split("\n")) {
            String code = line.startsWith("--") ? "" : line;
            current.append(code).append('\n');
            if (code.stripTrailing().endsWith(";")) {
                out.add(current.toString().strip());
                current.setLength(0);
            }
        }
        return out;
    }

    /** Claims on one connection of their own, as a process with a single connection has. */
    @Override
    protected EnrichClaims openFresh() throws SQLException {
        return SqlEnrichClaims.on(connect(), "postgresql://127.0.0.1:5432/" + database);
    }

    /** Claims over a data source, each call on a connection borrowed for it, as a pooled store has. */
    @Override
    protected EnrichClaims openAnother() {
        PGSimpleDataSource pool = new PGSimpleDataSource();
        pool.setUrl(SERVER + database);
        pool.setUser("postgres");
        return SqlEnrichClaims.over(pool, "postgresql://127.0.0.1:5432/" + database);
    }
}
