package org.currents.serve;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Function;
import org.currents.publish.LiveSite;
import org.currents.publish.Views;
import org.currents.store.ArchiveStore;
import org.currents.store.ReadPool;

/**
 * The archive as the server sees it: the read pool, the change sequence last seen, and the
 * {@link LiveSite} of that sequence (which reads nothing until a page is asked for, and then only
 * what the page shows, so that a large archive starts at once). {@link #check} is called every
 * few hundred milliseconds: when the sequence moved, the site (with what it keeps: page paths of
 * days, topic names, the sitemap) and the page cache are dropped and remade on demand.
 */
final class LiveArchive {
    /** One state of the archive: its change sequence and since when the server has seen it. */
    record State(long sequence, Instant since) {}

    private final ReadPool pool;
    private final java.util.function.Supplier<Views.Site> site;
    private final PageCache cache;
    private volatile State state;
    private LiveSite planned; // guarded by this
    private long plannedFor = -1; // guarded by this

    LiveArchive(ReadPool pool, java.util.function.Supplier<Views.Site> site, PageCache cache) {
        this.pool = pool;
        this.site = site;
        this.cache = cache;
        this.state = new State(read(ArchiveStore::changeSequence), now());
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS); // HTTP dates have seconds
    }

    State state() {
        return state;
    }

    /** Reads the change sequence; a new one drops the site and the cache. */
    void check() {
        long seq = read(ArchiveStore::changeSequence);
        if (seq != state.sequence()) {
            state = new State(seq, now());
            cache.clear();
        }
    }

    /** Runs {@code work} in one snapshot of the archive. */
    <T> T read(Function<ArchiveStore, T> work) {
        return pool.read(work);
    }

    /**
     * The site of the archive's current state, made when first asked for (at once: it reads
     * nothing). Callers in a {@link #read} pass their store.
     */
    synchronized LiveSite site(ArchiveStore store) {
        long seq = state.sequence();
        if (planned == null || plannedFor != seq) {
            planned = LiveSite.of(store, site.get());
            plannedFor = seq;
        }
        return planned;
    }
}
