/**
 * Where revisions come from: {@code source.dump} streams MediaWiki XML exports and dumps,
 * {@code source.api} pulls revisions from a live MediaWiki Action API. Both hand day pages and
 * their revisions, oldest first where the source knows the order, to a {@link
 * org.currents.source.RevisionSink}; everything after the source is one code path.
 */
package org.currents.source;
