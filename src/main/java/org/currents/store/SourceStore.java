package org.currents.store;

import java.util.Collection;
import java.util.Map;
import org.currents.model.SourceMeta;

/** The part of the archive that keeps what enrichment learnt about cited URLs. */
public interface SourceStore {

    /** Stored metadata of those of {@code urls} that have any, by URL. */
    Map<String, SourceMeta> sourceMeta(Collection<String> urls);

    /** Stores (inserts or replaces) the outcome and metadata of one URL. */
    void saveSourceMeta(SourceMeta meta);
}
