package org.currents.store.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.currents.model.Source;

/** How values are spelt in columns: JSON arrays for lists, ISO-8601 text for instants. */
public final class Codec {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
    private static final TypeReference<List<Map<String, String>>> OBJECTS = new TypeReference<>() {};

    private Codec() {}

    public static String strings(List<String> values) {
        try {
            return JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a list of strings as JSON", e);
        }
    }

    public static List<String> strings(String json) {
        try {
            return JSON.readValue(json, STRINGS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt JSON list in the archive: " + json, e);
        }
    }

    public static String sources(List<Source> sources) {
        List<Map<String, String>> out = new ArrayList<>(sources.size());
        for (Source s : sources) {
            out.add(Map.of("url", s.url(), "outlet", s.outlet()));
        }
        try {
            return JSON.writeValueAsString(out);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write sources as JSON", e);
        }
    }

    public static List<Source> sources(String json) {
        try {
            List<Source> out = new ArrayList<>();
            for (Map<String, String> m : JSON.readValue(json, OBJECTS)) {
                out.add(new Source(m.get("url"), m.get("outlet")));
            }
            return out;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt JSON sources in the archive: " + json, e);
        }
    }

    public static String instant(Instant t) {
        return t == null ? null : t.toString();
    }

    public static Instant instant(String s) {
        return s == null ? null : Instant.parse(s);
    }
}
