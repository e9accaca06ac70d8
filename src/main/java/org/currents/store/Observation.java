package org.currents.store;

/**
 * One event as observed in one revision: which parsed bullet stood at which position, and
 * which archive event it was identified as.
 *
 * @param revisionId the revision
 * @param position 1-based position of the event on the page in that revision
 * @param bulletKey the content key of the parsed event (see {@link BulletKeys})
 * @param eventId the archive event it belongs to
 */
public record Observation(long revisionId, int position, String bulletKey, String eventId) {}
