package org.currents.relate;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.currents.model.Context;
import org.currents.model.ParsedEvent;
import org.currents.store.ArchiveStore;

/**
 * Keeps the contexts table up to date: recomputes the contexts of every event changed since
 * the last run (the store's change sequence), in batches.
 */
public final class ContextIndexer {
    private static final String MARK = "contexts";
    private static final int BATCH = 2000;

    private ContextIndexer() {}

    /**
     * The titles (as spelt) that contexts would be made of, for resolving redirects before
     * indexing: story titles and link targets of {@code events}.
     */
    public static java.util.Set<String> titles(java.util.Collection<ParsedEvent> events) {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        for (ParsedEvent e : events) {
            for (String s : e.stories()) {
                String t = Contexts.spelling(s);
                if (!t.isEmpty()) {
                    out.add(t);
                }
            }
            for (String l : e.links()) {
                String t = Contexts.spelling(l);
                if (!t.isEmpty()) {
                    out.add(t);
                }
            }
        }
        return out;
    }

    /**
     * True when the store's related-events index is as current as its contexts: builds may read
     * its lists instead of relating the archive (false after an interrupted writer, until the
     * next one, and in archives no writer of this version has touched).
     */
    public static boolean relatedIndexed(ArchiveStore store) {
        long related = store.mark(RelatedUpdate.MARK);
        return related != 0 && related == store.mark(MARK);
    }

    /** The titles of the events whose contexts the next {@link #refresh} will index. */
    public static java.util.Set<String> pendingTitles(ArchiveStore store) {
        long done = store.mark(MARK);
        if (done >= store.changeSequence()) {
            return java.util.Set.of();
        }
        return titles(store.latestContent(store.eventsChangedSince(done)).values());
    }

    /**
     * Indexes the contexts of events changed since the last refresh, and updates the related-events
     * index for them (see {@link RelatedUpdate}); returns how many events changed. One
     * transaction: an interrupted refresh (even {@code kill -9}) leaves contexts, Related lists
     * and the marks as they were, and the next writer does it again.
     */
    public static int refresh(ArchiveStore store) {
        return store.atomically("index contexts and related events", () -> refreshNow(store));
    }

    private static int refreshNow(ArchiveStore store) {
        long seq = store.changeSequence();
        long done = store.mark(MARK);
        boolean related = store.mark(RelatedUpdate.MARK) != 0;
        if (done >= seq && related) {
            return 0;
        }
        List<String> changed = store.eventsChangedSince(done);
        Map<String, java.util.Set<String>> keys = new HashMap<>();
        for (int from = 0; from < changed.size(); from += BATCH) {
            List<String> chunk = changed.subList(from, Math.min(changed.size(), from + BATCH));
            Map<String, ParsedEvent> content = store.latestContent(chunk);
            Map<String, String> canonical = store.redirectTargets(titles(content.values()));
            Map<String, List<Context>> contexts = new HashMap<>();
            for (Map.Entry<String, ParsedEvent> e : content.entrySet()) {
                List<Context> of = Contexts.of(e.getValue(), canonical);
                contexts.put(e.getKey(), of);
                java.util.Set<String> k = new java.util.HashSet<>();
                of.forEach(c -> k.add(c.key()));
                keys.put(e.getKey(), k);
            }
            store.replaceContexts(contexts);
        }
        RelatedUpdate.apply(store, related ? keys : null, seq);
        store.setMark(MARK, seq);
        return changed.size();
    }
}
