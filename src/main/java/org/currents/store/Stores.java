package org.currents.store;

import java.util.List;
import java.util.ServiceLoader;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Opens the archive a {@code --db} value names, through the {@link StoreProvider}s on the class
 * path: this class names no store's package, so that {@code store.sqlite} and {@code
 * store.postgres} depend on {@code store} and never the other way round.
 */
public final class Stores {
    // a URL rather than a path: "scheme://...", or "jdbc:..." (a one-letter scheme is a drive)
    private static final Pattern URL = Pattern.compile("(?i)^(jdbc:[a-z0-9+.-]*:|[a-z][a-z0-9+.-]+://).*");

    private Stores() {}

    /**
     * Opens the archive named by {@code db} for writing, creating and migrating it when needed;
     * notices (such as waiting for another writer) are dropped.
     *
     * @throws StoreException when the archive cannot be opened, naming it and why
     * @see #open(String, Access, Consumer)
     */
    public static ArchiveStore open(String db) {
        return open(db, Access.WRITE, notice -> {});
    }

    /**
     * Opens the archive named by {@code db}: a file path or {@code jdbc:sqlite:} URL for SQLite;
     * {@code postgresql://} and {@code jdbc:postgresql:} URLs name a PostgreSQL database.
     *
     * @param access {@link Access#READ} never creates, migrates or changes the archive
     * @param notices receives one line when the store has to wait (another process is writing),
     *     for the user's terminal
     * @throws StoreException when the archive cannot be opened, naming it and why; for a value
     *     that is neither a file nor a database URL this build knows, saying so
     */
    public static ArchiveStore open(String db, Access access, Consumer<String> notices) {
        return provider(db).open(db, access, notices);
    }

    /**
     * The files the archive {@code db} is kept in, the database first ({@link
     * StoreProvider#filesOf}), or none when it is no file (a PostgreSQL database) or names no
     * store this build knows.
     */
    public static java.util.List<java.nio.file.Path> filesOf(String db) {
        try {
            return provider(db).filesOf(db);
        } catch (StoreException | IllegalArgumentException e) {
            return java.util.List.of(); // opening it will say what is wrong with it
        }
    }

    /** The provider of the store {@code db} names. */
    static StoreProvider provider(String db) {
        if (db == null || db.isBlank()) {
            throw new IllegalArgumentException("db must not be empty");
        }
        List<StoreProvider> all = providers();
        for (StoreProvider p : all) {
            if (p.accepts(db)) {
                return p;
            }
        }
        if (!URL.matcher(db).matches()) {
            for (StoreProvider p : all) {
                if (p.opensFiles()) {
                    return p;
                }
            }
        }
        throw new StoreException(
                "open " + redact(db) + ": neither a file nor a database URL this build knows (use a file path, "
                        + all.stream().map(StoreProvider::name).collect(Collectors.joining(", "))
                        + " URLs: jdbc:sqlite:PATH, postgresql://HOST/DB or jdbc:postgresql://HOST/DB)",
                null);
    }

    /** Every store provider on the class path, in the order their service files list them. */
    static List<StoreProvider> providers() {
        return ServiceLoader.load(StoreProvider.class, Stores.class.getClassLoader()).stream()
                .map(ServiceLoader.Provider::get)
                .toList();
    }

    /** {@code url} without a password, for messages. */
    public static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***").replaceAll("//([^:/@]+):[^@/]*@", "//$1:***@");
    }
}
