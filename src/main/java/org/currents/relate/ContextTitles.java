package org.currents.relate;

import java.util.HashMap;
import java.util.Map;
import org.currents.model.Context;

/**
 * The spelling each context is shown by: the most common spelling among the events that have
 * it (ties: the alphabetically first, so that builds are repeatable).
 */
public final class ContextTitles {
    private final Map<String, Map<String, Integer>> counts = new HashMap<>();
    /**
     * The titles chosen so far, forgotten on each {@link #add}: a build asks each context's
     * title many times (topic lists, Related texts, digests), from several threads.
     */
    private final Map<String, String> chosen = new java.util.concurrent.ConcurrentHashMap<>();

    /** Counts one event's spelling of a context. */
    public void add(Context c) {
        counts.computeIfAbsent(c.key(), k -> new HashMap<>()).merge(c.title(), 1, Integer::sum);
        if (!chosen.isEmpty()) {
            chosen.clear();
        }
    }

    /** The title to show for {@code key}; the key itself when no event spelt it. */
    public String title(String key) {
        String t = chosen.get(key);
        if (t == null) {
            t = choose(key);
            chosen.put(key, t);
        }
        return t;
    }

    private String choose(String key) {
        Map<String, Integer> m = counts.get(key);
        if (m == null) {
            return key;
        }
        String best = null;
        int n = -1;
        for (Map.Entry<String, Integer> e : m.entrySet()) {
            if (e.getValue() > n || (e.getValue() == n && e.getKey().compareTo(best) < 0)) {
                best = e.getKey();
                n = e.getValue();
            }
        }
        return best;
    }
}
