package org.currents.store;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Which cited URLs {@code enrich} fetches: those cited by events of the days {@code from} to
 * {@code to} (inclusive; null for no bound), only each event's first source unless {@code
 * allSources}, and of those only the URLs without stored metadata, or whose metadata was fetched
 * before {@code fetchedBefore}, or all of them with {@code refresh}.
 *
 * @param from the first day, or null
 * @param to the last day, or null
 * @param allSources every source of each event, not only the first
 * @param refresh fetch again URLs that already have metadata
 * @param fetchedBefore fetch again URLs whose metadata is older than this, or null
 * @param limit the most URLs selected, 0 for no limit
 */
public record EnrichSelection(
        LocalDate from, LocalDate to, boolean allSources, boolean refresh, Instant fetchedBefore, int limit) {
    public EnrichSelection {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0: " + limit);
        }
        if (from != null && to != null && from.isAfter(to)) {
            throw new IllegalArgumentException("from must not be after to: " + from + " > " + to);
        }
    }

    /** The default: first sources of every day's events, only those without metadata. */
    public static EnrichSelection firstSourcesNotYetFetched() {
        return new EnrichSelection(null, null, false, false, null, 0);
    }
}
