package org.currents.store;

import java.util.function.Consumer;

/**
 * One kind of archive store ({@code store.sqlite}, {@code store.postgres}), found by {@link
 * Stores} through {@link java.util.ServiceLoader}, so that nothing above a store's package names
 * its classes. Providers are listed in {@code META-INF/services/org.currents.store.StoreProvider}.
 */
public interface StoreProvider {
    /** The kind, for messages and for choosing among providers: {@code "sqlite"}, {@code "postgresql"}. */
    String name();

    /**
     * Whether {@code db} (a {@code --db} value) names an archive of this kind: a URL of its scheme,
     * or, for the provider that {@link #opensFiles}, a plain path.
     */
    boolean accepts(String db);

    /** Whether plain paths (no URL scheme) name archives of this kind: the embedded default. */
    default boolean opensFiles() {
        return false;
    }

    /**
     * The files an archive {@code db} names is kept in, the database first (a SQLite database,
     * then its journals and lock file beside it, whether they exist now or not), or none for an
     * archive that is no file (a database server).
     */
    default java.util.List<java.nio.file.Path> filesOf(String db) {
        return java.util.List.of();
    }

    /**
     * Opens the archive {@code db} names, as {@link Stores#open(String, Access, Consumer)} says.
     *
     * @throws StoreException when it cannot be opened, naming it (without password) and why
     */
    ArchiveStore open(String db, Access access, Consumer<String> notices);
}
