/**
 * Pulls the revisions of day pages from a live MediaWiki Action API, politely and incrementally,
 * and hands them to the same {@link org.currents.source.RevisionSink} as the dump reader, so that
 * everything after the source is one code path. {@link org.currents.source.api.MediaWikiApi} is
 * the entry point (one per API; it owns the etiquette: User-Agent with a contact, {@code
 * maxlag}, one request at a time, bounded tries with backoff); {@link
 * org.currents.source.api.ApiRevisionSource} reads a range of days starting after what the archive
 * holds ({@link org.currents.source.api.KnownRevisions}); {@link
 * org.currents.source.api.MediaWikiApi#resolveRedirects} gives canonical titles for contexts.
 */
package org.currents.source.api;
