package org.currents.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The archive's read side for many threads: a small pool of stores opened for reading
 * ({@link Access#READ}; in SQLite, read-only connections to the WAL-mode file), each lent to one
 * thread at a time. Each {@link #read} runs in one snapshot ({@link ArchiveStore#snapshot}), so
 * a reader never sees half a commit while an import or {@code watch} writes to the same archive.
 *
 * <p>Thread-safe. A store is one connection, and a connection is not thread-safe: lending them
 * is simpler and faster than sharing one behind a lock.
 */
public final class ReadPool implements AutoCloseable {
    /** Stores in the pool, unless told otherwise: enough for two cores waiting on I/O. */
    public static final int DEFAULT_SIZE = 4;

    private final BlockingQueue<ArchiveStore> idle;
    private final List<ArchiveStore> all = new ArrayList<>();
    private final String describe;

    private ReadPool(String db, int size, Consumer<String> notices) {
        if (size < 1) {
            throw new IllegalArgumentException("size must be >= 1: " + size);
        }
        idle = new ArrayBlockingQueue<>(size);
        try {
            for (int k = 0; k < size; k++) {
                ArchiveStore s = Stores.open(db, Access.READ, notices);
                all.add(s);
                idle.add(s);
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        describe = all.get(0).describe();
    }

    /**
     * Opens {@code size} readers of the archive {@code db} names.
     *
     * @throws StoreException when the archive cannot be opened for reading (missing, not an
     *     archive, of an older schema), naming it and why
     * @throws IllegalArgumentException if {@code size} is below 1
     */
    public static ReadPool open(String db, int size, Consumer<String> notices) {
        return new ReadPool(db, size, notices);
    }

    /** What the archive is, for messages. */
    public String describe() {
        return describe;
    }

    /**
     * Runs {@code work} with a store of the pool, in one snapshot of the archive, waiting for a
     * store when all are lent.
     *
     * @throws StoreException as the store throws it
     * @throws IllegalStateException when interrupted while waiting
     */
    public <T> T read(Function<ArchiveStore, T> work) {
        ArchiveStore s;
        try {
            s = idle.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a reader of " + describe, e);
        }
        try {
            return s.snapshot(() -> work.apply(s));
        } finally {
            idle.add(s);
        }
    }

    @Override
    public void close() {
        RuntimeException first = null;
        for (ArchiveStore s : all) {
            try {
                s.close();
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
