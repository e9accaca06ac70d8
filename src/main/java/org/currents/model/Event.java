package org.currents.model;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * An event of the archive: one news bullet followed through every revision of its day pages.
 *
 * @param id stable id (16 hex digits), the same on every build and in every store
 * @param day the day page the event is on now (or was on when removed)
 * @param movedFrom days it was moved away from, oldest first
 * @param category its category heading now, or empty
 * @param stories its story titles now, outermost first
 * @param contexts its contexts (stories and link targets)
 * @param position its 1-based order on the day page now
 * @param status whether it is still on its page
 * @param removedRevisionId the revision that removed it, or 0 while current
 * @param removedAt when that revision was saved, or null while current
 * @param unsourced true when it cites no source
 * @param versions every version, oldest first; never empty
 */
public record Event(
        String id,
        LocalDate day,
        List<LocalDate> movedFrom,
        String category,
        List<String> stories,
        List<Context> contexts,
        int position,
        EventStatus status,
        long removedRevisionId,
        Instant removedAt,
        boolean unsourced,
        List<EventVersion> versions) {
    public Event {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(status, "status");
        movedFrom = List.copyOf(movedFrom);
        stories = List.copyOf(stories);
        contexts = List.copyOf(contexts);
        versions = List.copyOf(versions);
        if (versions.isEmpty()) {
            throw new IllegalArgumentException("event " + id + " has no versions");
        }
    }

    /** The newest version. */
    public EventVersion current() {
        return versions.get(versions.size() - 1);
    }

    /** The text of the newest version. */
    public String text() {
        return current().text();
    }
}
