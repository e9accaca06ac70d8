package org.currents.store;

import java.util.List;
import org.currents.model.SourceMeta;

/**
 * A cited URL of one domain, with the events that cite it.
 *
 * @param url the URL as cited
 * @param domain its host, lower case, without {@code www.}
 * @param events ids of the events citing it, sorted
 * @param meta what enrichment learnt of it, or null
 */
public record DomainSource(String url, String domain, List<String> events, SourceMeta meta) {}
