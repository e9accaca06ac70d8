package org.currents.source.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;
import org.currents.model.Revision;
import org.currents.source.SourceException;

/**
 * Turns one revision of a {@code prop=revisions} answer (formatversion 2, {@code rvslots=main})
 * into a {@link Revision}. Revision deletion (API:Revisions) removes fields and sets flags
 * instead: {@code userhidden}, {@code commenthidden}, {@code sha1hidden} on the revision and
 * {@code texthidden} on the slot; a slot whose text is lost says {@code textmissing}.
 */
final class RevisionDecoder {
    private static final Pattern SHA1_HEX = Pattern.compile("[0-9a-f]{40}");

    private RevisionDecoder() {}

    /**
     * @param rev one element of {@code query.pages[0].revisions}
     * @param title the page, for messages
     * @throws SourceException when the revision has no usable id or timestamp
     */
    static Revision decode(JsonNode rev, String title) throws SourceException {
        long id = rev.path("revid").asLong(0);
        if (id <= 0) {
            throw new SourceException("revision without a revid in the answer for " + title + ": " + rev, null);
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
        String sha1 = rev.path("sha1").asText("").toLowerCase(Locale.ROOT);
        return new Revision(
                id,
                rev.path("parentid").asLong(0),
                timestamp,
                flag(rev, "userhidden") ? "" : rev.path("user").asText(""),
                flag(rev, "commenthidden") ? "" : rev.path("comment").asText(""),
                SHA1_HEX.matcher(sha1).matches() && !flag(rev, "sha1hidden") ? sha1 : "",
                textHidden ? "" : main.path("content").asText(),
                textHidden);
    }

    private static boolean flag(JsonNode node, String name) {
        // formatversion=2 gives booleans; formatversion=1 gave "" for true.
        JsonNode v = node.get(name);
        return v != null && !(v.isBoolean() && !v.booleanValue());
    }
}
