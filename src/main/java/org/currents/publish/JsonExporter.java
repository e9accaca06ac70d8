package org.currents.publish;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import org.currents.model.Context;
import org.currents.model.Event;
import org.currents.model.EventStatus;
import org.currents.model.EventVersion;
import org.currents.model.Source;
import org.currents.store.ArchiveStore;

/**
 * The dataset a researcher takes away: one JSON object per event per line (JSON Lines), with
 * its stable id, day, moves, category, stories, contexts, status and every version. The schema
 * is documented in the README ("Export format").
 */
public final class JsonExporter {
    private JsonExporter() {}

    /** Writes every event of {@code store} to {@code out}; returns how many. */
    public static long export(ArchiveStore store, OutputStream out) throws IOException {
        JsonFactory factory = new JsonFactory();
        long[] n = {0};
        try (JsonGenerator g = factory.createGenerator(out, JsonEncoding.UTF8)) {
            g.setPrettyPrinter(new MinimalPrettyPrinter("\n"));
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            try {
                store.forEachEvent(e -> {
                    try {
                        write(g, e);
                        n[0]++;
                    } catch (IOException x) {
                        throw new UncheckedIOException(x);
                    }
                });
            } catch (UncheckedIOException x) {
                throw x.getCause();
            }
            g.writeRaw('\n');
        }
        out.flush();
        return n[0];
    }

    static void write(JsonGenerator g, Event e) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", e.id());
        g.writeStringField("day", e.day().toString());
        g.writeArrayFieldStart("moved_from");
        for (LocalDate d : e.movedFrom()) {
            g.writeString(d.toString());
        }
        g.writeEndArray();
        g.writeStringField("category", e.category());
        g.writeArrayFieldStart("stories");
        for (String s : e.stories()) {
            g.writeString(s);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("contexts");
        for (Context c : e.contexts()) {
            g.writeString(c.title());
        }
        g.writeEndArray();
        g.writeNumberField("position", e.position());
        g.writeStringField("status", e.status().label());
        if (e.status() == EventStatus.REMOVED) {
            g.writeObjectFieldStart("removed");
            g.writeNumberField("revision", e.removedRevisionId());
            g.writeStringField(
                    "timestamp", e.removedAt() == null ? null : e.removedAt().toString());
            g.writeEndObject();
        } else {
            g.writeNullField("removed");
        }
        g.writeBooleanField("unsourced", e.unsourced());
        g.writeArrayFieldStart("versions");
        for (EventVersion v : e.versions()) {
            g.writeStartObject();
            g.writeNumberField("number", v.number());
            g.writeNumberField("revision", v.revisionId());
            g.writeStringField("timestamp", v.timestamp().toString());
            g.writeStringField("editor", v.editor());
            g.writeStringField("comment", v.comment());
            g.writeStringField("text", v.text());
            g.writeArrayFieldStart("sources");
            for (Source s : v.sources()) {
                g.writeStartObject();
                g.writeStringField("url", s.url());
                g.writeStringField("outlet", s.outlet());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }
}
