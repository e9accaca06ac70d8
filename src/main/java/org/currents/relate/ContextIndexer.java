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

    /** The titles of the events whose contexts the next {@link #refresh} will index. */
    public static java.util.Set<String> pendingTitles(ArchiveStore store) {
        long done = store.mark(MARK);
        if (done >= store.changeSequence()) {
            return java.util.Set.of();
        }
        return titles(store.latestContent(store.eventsChangedSince(done)).values());
    }

    /** Indexes the contexts of events changed since the last refresh; returns how many. */
    public static int refresh(ArchiveStore store) {
        long seq = store.changeSequence();
        long done = store.mark(MARK);
        if (done >= seq) {
            return 0;
        }
        List<String> changed = store.eventsChangedSince(done);
        for (int from = 0; from < changed.size(); from += BATCH) {
            List<String> chunk = changed.subList(from, Math.min(changed.size(), from + BATCH));
            Map<String, ParsedEvent> content = store.latestContent(chunk);
            Map<String, String> canonical = store.redirectTargets(titles(content.values()));
            Map<String, List<Context>> contexts = new HashMap<>();
            for (Map.Entry<String, ParsedEvent> e : content.entrySet()) {
                contexts.put(e.getKey(), Contexts.of(e.getValue(), canonical));
            }
            store.replaceContexts(contexts);
        }
        store.setMark(MARK, seq);
        return changed.size();
    }
}
