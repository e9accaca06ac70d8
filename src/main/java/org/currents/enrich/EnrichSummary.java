package org.currents.enrich;

import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where an enrichment run stands, or how it ended.
 *
 * @param total the URLs selected
 * @param done the URLs fetched and stored so far
 * @param byOutcome the stored URLs by outcome label, sorted by label
 * @param fromWayback how many of the {@code ok} ones came from a Wayback snapshot
 * @param elapsed the time since the run started
 * @param cancelled true when the run was interrupted before all URLs were done
 */
public record EnrichSummary(
        int total, int done, Map<String, Long> byOutcome, int fromWayback, Duration elapsed, boolean cancelled) {
    public EnrichSummary {
        byOutcome = Collections.unmodifiableMap(new TreeMap<>(byOutcome));
    }

    /** One line: {@code 120/500 done: ok 100, http-404 12, timeout 8 (3 from the Wayback Machine)}. */
    public String line() {
        StringBuilder sb =
                new StringBuilder().append(done).append('/').append(total).append(" done");
        String sep = ": ";
        for (Map.Entry<String, Long> e : byOutcome.entrySet()) {
            sb.append(sep).append(e.getKey()).append(' ').append(e.getValue());
            sep = ", ";
        }
        if (fromWayback > 0) {
            sb.append(" (").append(fromWayback).append(" from the Wayback Machine)");
        }
        return sb.toString();
    }
}
