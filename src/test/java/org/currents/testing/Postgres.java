package org.currents.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fresh database on the real PostgreSQL server of the machine (127.0.0.1:5432, user postgres,
 * trust authentication; {@code .ci/run} starts it), for one test class: created on {@link
 * #create}, dropped, with whatever sessions are still on it, on {@link #close}. Archives inside
 * it are schemas ({@link #freshSchema}), so that each test can have a new one cheaply.
 */
public final class Postgres implements AutoCloseable {
    public static final String SERVER = "127.0.0.1:5432";

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final String database;
    private final AtomicInteger schemas = new AtomicInteger();

    private Postgres(String database) {
        this.database = database;
    }

    /** Creates a new database named after {@code owner} (a test class) and this process. */
    public static Postgres create(Class<?> owner) {
        String name = ("currents_" + owner.getSimpleName() + "_"
                        + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet())
                .toLowerCase(java.util.Locale.ROOT);
        admin("postgres", "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)", "CREATE DATABASE " + name);
        return new Postgres(name);
    }

    /** The database's name. */
    public String database() {
        return database;
    }

    /** A {@code --db} URL of the database's {@code public} schema, libpq style. */
    public String url() {
        return "postgresql://postgres@" + SERVER + "/" + database;
    }

    /** A {@code --db} URL of a new, empty schema of the database (pgJDBC style). */
    public String freshSchema() {
        String schema = "archive_" + schemas.incrementAndGet();
        admin(database, "CREATE SCHEMA " + schema);
        return "jdbc:postgresql://" + SERVER + "/" + database + "?user=postgres&currentSchema=" + schema;
    }

    /** Runs {@code sql} on the database as the administrator. */
    public void sql(String... sql) {
        admin(database, sql);
    }

    @Override
    public void close() {
        admin("postgres", "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }

    private static void admin(String db, String... statements) {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + SERVER + "/" + db, "postgres", "");
                Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL on " + SERVER + ": " + e.getMessage(), e);
        }
    }
}
