/**
 * The polite, safe fetcher and the extractors of source metadata (title, description, image, ...) for the news articles events cite.
 */
package org.currents.enrich;
