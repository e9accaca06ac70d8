package org.currents.source.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.currents.model.Revision;
import org.currents.source.Sha1;
import org.currents.source.SourceException;

/**
 * Turns one revision of a {@code prop=revisions} answer (formatversion 2, {@code rvslots=main})
 * into a {@link Revision}. Revision deletion (API:Revisions) removes fields and sets flags
 * instead: {@code userhidden}, {@code commenthidden}, {@code sha1hidden} on the revision and
 * {@code texthidden} on the slot; a slot whose text is lost says {@code textmissing}.
 */
final class RevisionDecoder {
    private RevisionDecoder() {}

    /**
     * @param rev one element of {@code query.pages[0].revisions}
     * @param title the page, for messages
     * @throws SourceException when the revision has no usable id or timestamp
     */
    static Revision decode(JsonNode rev, String title) throws SourceException {
        long id = rev.path("revid").asLong(0);
        if (id <= 0) {
            throw new SourceException(
                    "revision without a positive revid in the answer for " + title + ": "
                            + SourceException.quote(rev.toString()),
                    null);
        }
        Instant timestamp;
        try {
            timestamp = Instant.parse(rev.path("timestamp").asText(""));
        } catch (DateTimeParseException e) {
            throw new SourceException("revision " + id + " of " + title + " has no valid timestamp", e);
        }
        JsonNode main = rev.path("slots").path("main");
        boolean textHidden = flag(rev, "sha1hidden")
                || flag(main, "texthidden")
                || flag(main, "textmissing")
                || !main.path("content").isTextual();
        // API:Revisions gives hex, but a wiki (or a proxy) may give none, junk, or the base 36 of
        // dumps: read it as dumps are read, and take the text's own digest when that fails, so
        // that a synced history finds the same reverts as the same history imported (issue 12)
        String text = textHidden ? "" : main.path("content").asText();
        String sha1 = flag(rev, "sha1hidden")
                ? ""
                : Sha1.toHex(rev.path("sha1").asText("").strip());
        if (sha1.isEmpty() && !textHidden) {
            sha1 = Sha1.of(text);
        }
        return new Revision(
                id,
                rev.path("parentid").asLong(0),
                timestamp,
                flag(rev, "userhidden") ? "" : rev.path("user").asText(""),
                flag(rev, "commenthidden") ? "" : rev.path("comment").asText(""),
                sha1,
                text,
                textHidden);
    }

    private static boolean flag(JsonNode node, String name) {
        // formatversion=2 gives booleans; formatversion=1 gave "" for true.
        JsonNode v = node.get(name);
        return v != null && !(v.isBoolean() && !v.booleanValue());
    }
}
