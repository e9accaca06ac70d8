/**
 * The polite, safe fetcher and the extractors of source metadata (title, description, image, ...)
 * for the news articles events cite. It reads the URLs to fetch from, and writes what it learns
 * to, a {@link org.currents.store.SourceStore}; the publish stage renders what it stored (the
 * event page's summary line and cover image). Public: the entry point {@link
 * org.currents.enrich.Enricher}, its {@link org.currents.enrich.EnrichOptions}, the result
 * {@link org.currents.enrich.EnrichSummary}, and {@link org.currents.enrich.MetadataExtractor}
 * with its {@link org.currents.enrich.PageMetadata} for pages already at hand. Everything else
 * (the fetcher, politeness, robots.txt, the SSRF guard, JSON-LD, Wayback) is package-private.
 */
package org.currents.enrich;
