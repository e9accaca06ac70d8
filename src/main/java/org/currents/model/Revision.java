package org.currents.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One revision of a day page, as a dump or the API delivers it.
 *
 * @param id the MediaWiki revision id
 * @param parentId the revision it was edited from, or 0 for the first one
 * @param timestamp when it was saved (UTC)
 * @param contributor user name or IP address; empty when the wiki hides it
 * @param comment the edit summary; empty when none
 * @param sha1 the SHA-1 of the text as 40 lower-case hex digits (dumps' base-36 form is
 *     converted by the source), or empty when unknown
 * @param text the wikitext; empty when hidden
 * @param textHidden true when the wiki hides the text of this revision (revision deletion)
 */
public record Revision(
        long id,
        long parentId,
        Instant timestamp,
        String contributor,
        String comment,
        String sha1,
        String text,
        boolean textHidden) {
    public Revision {
        Objects.requireNonNull(timestamp, "timestamp");
        contributor = contributor == null ? "" : contributor;
        comment = comment == null ? "" : comment;
        sha1 = sha1 == null ? "" : sha1;
        text = text == null ? "" : text;
        if (id <= 0) {
            throw new IllegalArgumentException("revision id must be > 0: " + id);
        }
    }

    /** This revision without its text (what histories keep when wikitext is not stored). */
    public Revision withoutText() {
        return text.isEmpty()
                ? this
                : new Revision(id, parentId, timestamp, contributor, comment, sha1, "", textHidden);
    }
}
