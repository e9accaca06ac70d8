package org.currents.store.jdbc;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.currents.model.Source;

/**
 * How values are spelt in columns: JSON arrays for lists, ISO-8601 text for instants.
 *
 * <p>The arrays are written here, character by character, exactly as Jackson's {@code
 * ObjectMapper} writes them ({@code CodecTest} compares the two): the import writes one or two
 * per stored bullet and the mapper's per-call set-up was a tenth of the writing thread's time
 * (bench/import.md). Sources are written {@code {"url":...,"outlet":...}}, in that order (the
 * mapper wrote an immutable map, whose order changed from run to run). They are read with
 * Jackson's streaming parser, which takes either order.
 */
public final class Codec {
    private static final JsonFactory JSON = new JsonFactory();
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private Codec() {}

    public static String strings(List<String> values) {
        StringBuilder out = new StringBuilder(16 + 32 * values.size()).append('[');
        for (int k = 0; k < values.size(); k++) {
            if (k > 0) {
                out.append(',');
            }
            quote(out, values.get(k));
        }
        return out.append(']').toString();
    }

    public static List<String> strings(String json) {
        try (JsonParser p = JSON.createParser(json)) {
            expect(p, p.nextToken(), JsonToken.START_ARRAY, json);
            List<String> out = new ArrayList<>();
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                expect(p, t, JsonToken.VALUE_STRING, json);
                out.add(p.getText());
            }
            return out;
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("corrupt JSON list in the archive: " + json, e);
        }
    }

    public static String sources(List<Source> sources) {
        StringBuilder out = new StringBuilder(16 + 96 * sources.size()).append('[');
        for (int k = 0; k < sources.size(); k++) {
            Source s = sources.get(k);
            out.append(k > 0 ? ",{\"url\":" : "{\"url\":");
            quote(out, s.url());
            out.append(",\"outlet\":");
            quote(out, s.outlet());
            out.append('}');
        }
        return out.append(']').toString();
    }

    public static List<Source> sources(String json) {
        try (JsonParser p = JSON.createParser(json)) {
            expect(p, p.nextToken(), JsonToken.START_ARRAY, json);
            List<Source> out = new ArrayList<>();
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                expect(p, t, JsonToken.START_OBJECT, json);
                String url = null;
                String outlet = null;
                for (JsonToken f = p.nextToken(); f != JsonToken.END_OBJECT; f = p.nextToken()) {
                    expect(p, f, JsonToken.FIELD_NAME, json);
                    String name = p.currentName();
                    JsonToken v = p.nextToken();
                    String value = v == JsonToken.VALUE_NULL ? null : p.getText();
                    if (v != JsonToken.VALUE_NULL) {
                        expect(p, v, JsonToken.VALUE_STRING, json);
                    }
                    if ("url".equals(name)) {
                        url = value;
                    } else if ("outlet".equals(name)) {
                        outlet = value;
                    }
                }
                out.add(new Source(url, outlet));
            }
            return out;
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("corrupt JSON sources in the archive: " + json, e);
        }
    }

    private static void expect(JsonParser p, JsonToken got, JsonToken wanted, String json) throws IOException {
        if (got != wanted) {
            throw new IOException("expected " + wanted + ", found " + got + " at " + p.currentLocation());
        }
    }

    /**
     * {@code s} as a JSON string, escaped as Jackson escapes by default: quote, backslash and
     * the control characters below U+0020 ({@code \b \t \n \f \r} short, the others as {@code
     * \}{@code u00XX}); everything else as it is. A null is written {@code null}, as Jackson does.
     */
    static void quote(StringBuilder out, String s) {
        if (s == null) {
            out.append("null");
            return;
        }
        out.append('"');
        int start = 0;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            out.append(s, start, i);
            start = i + 1;
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\f' -> out.append("\\f");
                case '\r' -> out.append("\\r");
                default -> out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        out.append(s, start, n).append('"');
    }

    public static String instant(Instant t) {
        return t == null ? null : t.toString();
    }

    public static Instant instant(String s) {
        return s == null ? null : Instant.parse(s);
    }
}
