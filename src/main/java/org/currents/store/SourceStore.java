package org.currents.store;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.currents.model.SourceMeta;

/** The part of the archive that keeps what enrichment learnt about cited URLs. */
public interface SourceStore {

    /** Stored metadata of those of {@code urls} that have any, by URL. */
    Map<String, SourceMeta> sourceMeta(Collection<String> urls);

    /** Stores (inserts or replaces) the outcome and metadata of one URL. */
    void saveSourceMeta(SourceMeta meta);

    /**
     * The cited URLs {@code selection} asks for, each once, ordered by their earliest day then
     * URL, at most {@code selection.limit()} of them.
     */
    List<CitedUrl> urlsToEnrich(EnrichSelection selection);

    /** How many stored URLs have each outcome ({@code ok}, {@code http-404}, ...), sorted by outcome. */
    Map<String, Long> sourceOutcomeCounts();
}
