package org.currents.store;

/**
 * A version row: event {@code eventId} took the content of bullet {@code bulletKey} in
 * revision {@code revisionId}. It counts while that revision is on the live path and no later
 * revision undid it.
 *
 * @param eventId the event
 * @param revisionId the revision that introduced the content
 * @param bulletKey the content (text, sources, ...) of the parsed event
 * @param undoneBy the revision whose "Undid revision" summary took this version back, or 0
 */
public record StoredVersion(String eventId, long revisionId, String bulletKey, long undoneBy) {}
