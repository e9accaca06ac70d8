package org.currents.store;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The part of the archive that caches what the wiki said about link targets: the canonical title
 * each one redirects to, or itself when it is no redirect. Filled by live sync; the dump path
 * works without it.
 */
public interface RedirectStore {

    /**
     * The cached canonical titles of those of {@code titles} that were resolved before.
     *
     * @return title to canonical title, only for titles in the cache
     */
    Map<String, String> redirectTargets(Collection<String> titles);

    /**
     * Caches (inserts or replaces) resolutions, all at once.
     *
     * @param targets title to canonical title; a title that is no redirect maps to itself
     * @param resolvedAt when the wiki was asked
     */
    void saveRedirects(Map<String, String> targets, Instant resolvedAt);

    /**
     * Titles resolved before {@code before}, oldest first, for refreshing a stale cache.
     *
     * @param limit at most this many
     */
    List<String> redirectsResolvedBefore(Instant before, int limit);
}
