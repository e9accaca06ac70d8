package org.currents.store;

import java.util.List;

/**
 * One page of search results.
 *
 * @param hits the results, best first
 * @param more whether a next page has results
 * @param bounded true when the term matched more versions than are ranked (the newest are)
 * @param ceiling the newest row ranked: a later page passes it back ({@link SearchQuery#ceiling()})
 *     to slice the same ranking; 0 when nothing matched
 */
public record SearchPage(List<SearchHit> hits, boolean more, boolean bounded, long ceiling) {}
