package org.currents.store.jdbc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.Enumeration;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.logging.LogFactory;

/**
 * Creates and upgrades a store's schema with Flyway from the {@code V<n>__<what>.sql} scripts of
 * one resource folder per dialect ({@code org/currents/store/sqlite}, {@code
 * org/currents/store/postgres}), and the Java migrations of the same name in the package of that
 * name (a {@code V<n>__<What>} class: what SQL alone cannot do, such as packing rows), recording
 * what ran in Flyway's {@value #HISTORY}. Versions are
 * whole numbers, as the stores' messages ("schema 4") speak of them, numbered 1..n without a gap:
 * an archive's version is the highest it reached, so a script numbered below one already applied
 * would never run (branches that number scripts apart merge them renumbered, or all together).
 *
 * <p>Archives made before Flyway (SQLite, with its own {@code schema_version} table) are taken
 * over by a baseline at the version they reached: Flyway then applies only what is newer.
 */
public final class Migrations {
    /** Flyway's table of applied migrations. */
    public static final String HISTORY = "flyway_schema_history";

    private static final Pattern SCRIPT = Pattern.compile("V(\\d+)__[^/$]*\\.(sql|class)");

    static {
        LogFactory.setLogCreator(new QuietLogs());
    }

    private final String folder;
    private final SortedSet<Integer> versions;

    /** The migrations in resource folder {@code folder}, e.g. {@code "org/currents/store/sqlite"}. */
    public Migrations(String folder) {
        this.folder = folder;
        this.versions = Collections.unmodifiableSortedSet(scan(folder));
    }

    /** The newest version this build has. */
    public int latest() {
        return versions.last();
    }

    /** Every version this build has, in order: 1 to {@link #latest}. */
    public SortedSet<Integer> versions() {
        return versions;
    }

    /**
     * The version an archive reached by Flyway's history, through one statement (one snapshot);
     * 0 when no migration succeeded.
     */
    public static int current(Connection c, String historyTable) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(CAST(version AS INTEGER)), 0) FROM " + historyTable
                        + " WHERE success AND version IS NOT NULL")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    /**
     * Applies every migration newer than the archive's version through {@code source}.
     *
     * @param schema the schema to migrate, or null for the connection's own
     * @param legacyVersion the version a pre-Flyway archive reached (its {@code schema_version}),
     *     taken as Flyway's baseline when it has no history yet; 0 for none
     * @throws SQLException when a migration fails, saying which
     */
    public void migrate(DataSource source, String schema, int legacyVersion) throws SQLException {
        var config = Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(source)
                .locations("classpath:" + folder)
                .table(HISTORY)
                .loggers(QuietLogs.class.getName())
                .cleanDisabled(true)
                .validateMigrationNaming(true);
        if (schema != null) {
            config = config.schemas(schema).defaultSchema(schema).createSchemas(false);
        }
        if (legacyVersion > 0) {
            config = config.baselineOnMigrate(true)
                    .baselineVersion(Integer.toString(legacyVersion))
                    .baselineDescription("taken over from schema_version");
        }
        try {
            config.load().migrate();
        } catch (FlywayException e) {
            SQLException cause = sqlCause(e);
            String why = cause != null ? cause.getMessage() : e.getMessage();
            throw new SQLException(
                    "migration failed: " + firstLine(why),
                    cause != null ? cause.getSQLState() : null,
                    cause != null ? cause.getErrorCode() : 0,
                    e);
        }
    }

    /**
     * A data source that hands out {@code c} for Flyway to run in the caller's transaction: the
     * caller begins it, and commits or rolls it back after {@link #migrate}; Flyway's own
     * commits, rollbacks, changes of auto-commit and closes are ignored. SQLite takes its write
     * lock when the caller's {@code BEGIN IMMEDIATE} runs, so processes opening a new archive
     * at once migrate it one after the other, each finding the others' work done.
     */
    public static DataSource inTransaction(Connection c) {
        Connection shared = (Connection) Proxy.newProxyInstance(
                Migrations.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "close", "commit", "rollback", "setAutoCommit", "releaseSavepoint" -> {
                            return null;
                        }
                        case "getAutoCommit" -> {
                            return false;
                        }
                        case "isClosed" -> {
                            return false;
                        }
                        default -> {
                            try {
                                return method.invoke(c, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        }
                    }
                });
        return (DataSource) Proxy.newProxyInstance(
                Migrations.class.getClassLoader(), new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "getConnection" -> {
                            return shared;
                        }
                        case "getLoginTimeout" -> {
                            return 0;
                        }
                        case "isWrapperFor" -> {
                            return false;
                        }
                        case "toString" -> {
                            return "the archive's connection";
                        }
                        case "hashCode" -> {
                            return System.identityHashCode(proxy);
                        }
                        case "equals" -> {
                            return proxy == args[0];
                        }
                        default -> {
                            return null;
                        }
                    }
                });
    }

    private static SQLException sqlCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                return s;
            }
        }
        return null;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        String s = message.strip();
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl).strip();
    }

    /** The {@code V<n>} of the folder's scripts, in a directory or a jar. */
    private static SortedSet<Integer> scan(String folder) {
        TreeSet<Integer> versions = new TreeSet<>();
        try {
            Enumeration<URL> roots = Migrations.class.getClassLoader().getResources(folder);
            while (roots.hasMoreElements()) {
                URL root = roots.nextElement();
                if (root.getProtocol().equals("file")) {
                    try (Stream<Path> files = Files.list(Path.of(root.toURI()))) {
                        files.forEach(f -> add(versions, f.getFileName().toString()));
                    }
                } else if (root.getProtocol().equals("jar")) {
                    JarURLConnection jar = (JarURLConnection) root.openConnection();
                    jar.setUseCaches(false);
                    try (JarFile file = jar.getJarFile()) {
                        Enumeration<JarEntry> entries = file.entries();
                        while (entries.hasMoreElements()) {
                            String name = entries.nextElement().getName();
                            if (name.startsWith(folder + "/") && name.indexOf('/', folder.length() + 1) < 0) {
                                add(versions, name.substring(folder.length() + 1));
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("list migrations in " + folder, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("list migrations in " + folder, e);
        }
        if (versions.isEmpty()) {
            throw new IllegalStateException("no migrations in " + folder + " (the build is incomplete)");
        }
        if (versions.first() != 1 || versions.last() != versions.size()) {
            throw new IllegalStateException(
                    "migrations in " + folder + " are not numbered 1.." + versions.size() + ": " + versions);
        }
        return versions;
    }

    private static void add(TreeSet<Integer> versions, String name) {
        Matcher m = SCRIPT.matcher(name);
        if (m.matches()) {
            versions.add(Integer.parseInt(m.group(1)));
        }
    }
}
