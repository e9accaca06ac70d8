package org.currents.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An event's text and sources as of one revision, recorded only when they changed.
 *
 * @param number 1 for the first version, then 2, 3, ... in time order
 * @param revisionId the revision that introduced this wording
 * @param timestamp when that revision was saved (UTC)
 * @param editor who saved it (user name or IP)
 * @param comment the revision's edit summary
 * @param text the event's plain text in this version
 * @param sources the cited sources in this version
 */
public record EventVersion(
        int number,
        long revisionId,
        Instant timestamp,
        String editor,
        String comment,
        String text,
        List<Source> sources) {
    public EventVersion {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(text, "text");
        editor = editor == null ? "" : editor;
        comment = comment == null ? "" : comment;
        sources = List.copyOf(sources);
    }
}
