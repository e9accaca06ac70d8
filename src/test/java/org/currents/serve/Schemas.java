package org.currents.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Checks a JSON value against the subset of JSON Schema (2020-12) that openapi.json uses:
 * {@code $ref}, {@code type} (one or a list), {@code const}, {@code enum}, {@code required},
 * {@code properties}, {@code additionalProperties: false}, {@code items}.
 */
final class Schemas {
    private Schemas() {}

    static void check(JsonNode doc, JsonNode schema, JsonNode value, String where) {
        if (schema.has("$ref")) {
            String ref = schema.path("$ref").asText();
            JsonNode target = doc;
            for (String part : ref.substring(2).split("/")) {
                target = target.path(part);
            }
            assertThat(target.isMissingNode()).as(where + ": " + ref).isFalse();
            check(doc, target, value, where);
            return;
        }
        if (schema.has("const")) {
            assertThat(value).as(where).isEqualTo(schema.path("const"));
        }
        if (schema.has("enum")) {
            List<JsonNode> allowed = new ArrayList<>();
            schema.path("enum").forEach(allowed::add);
            assertThat(allowed).as(where).contains(value);
        }
        if (schema.has("type")) {
            List<String> types = new ArrayList<>();
            if (schema.path("type").isArray()) {
                schema.path("type").forEach(t -> types.add(t.asText()));
            } else {
                types.add(schema.path("type").asText());
            }
            assertThat(types).as(where + " is " + value.getNodeType()).contains(type(value));
        }
        if (value.isObject()) {
            for (JsonNode r : schema.path("required")) {
                assertThat(value.has(r.asText()))
                        .as(where + " has " + r.asText())
                        .isTrue();
            }
            JsonNode props = schema.path("properties");
            for (Iterator<String> names = value.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (props.has(name)) {
                    check(doc, props.path(name), value.path(name), where + "." + name);
                } else {
                    assertThat(schema.path("additionalProperties").asBoolean(true))
                            .as(where + " has " + name + ", which the schema does not list")
                            .isTrue();
                }
            }
        }
        if (value.isArray() && schema.has("items")) {
            int k = 0;
            for (JsonNode item : value) {
                check(doc, schema.path("items"), item, where + "[" + k++ + "]");
            }
        }
    }

    private static String type(JsonNode v) {
        if (v.isNull()) {
            return "null";
        }
        if (v.isIntegralNumber()) {
            return "integer";
        }
        if (v.isNumber()) {
            return "number";
        }
        return v.isTextual() ? "string" : v.isBoolean() ? "boolean" : v.isArray() ? "array" : "object";
    }
}
