package org.currents.enrich;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The schema.org article described by a page's JSON-LD blocks ({@code <script
 * type="application/ld+json">}): the best {@code NewsArticle}, {@code Article} (or kin) found at
 * the top level, in top-level arrays or in {@code @graph}, with {@code @id} references resolved
 * inside the page. Broken JSON is normal input: a block that does not parse, even after
 * repair, is skipped.
 */
final class JsonLd {
    private static final ObjectMapper LENIENT = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
            .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .enable(JsonReadFeature.ALLOW_MISSING_VALUES)
            .enable(JsonReadFeature.ALLOW_BACKSLASH_ESCAPING_ANY_CHARACTER)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(JsonParser.Feature.AUTO_CLOSE_SOURCE)
            .build();

    /** A member without a value, {@code "width": ,} on wsj.com, becomes null. */
    private static final Pattern MISSING_VALUE = Pattern.compile(":\\s*(?=[,}\\]])");

    private static final Pattern WRAPPER =
            Pattern.compile("^\\s*(<!--|//\\s*<!\\[CDATA\\[|<!\\[CDATA\\[)|(-->|//\\s*]]>|]]>)\\s*$");

    /** Blocks larger than this are skipped (a news page's JSON-LD is a few kilobytes). */
    static final int MAX_BLOCK_CHARS = 1_000_000;

    private final JsonNode article;
    private final Map<String, JsonNode> byId;

    private JsonLd(JsonNode article, Map<String, JsonNode> byId) {
        this.article = article;
        this.byId = byId;
    }

    /** The article among {@code blocks} (the scripts' texts), or an empty JsonLd. */
    static JsonLd of(List<String> blocks) {
        List<JsonNode> nodes = new ArrayList<>();
        for (String block : blocks) {
            JsonNode root = parse(block);
            if (root != null) {
                collect(root, nodes, 0);
            }
        }
        Map<String, JsonNode> byId = new HashMap<>();
        JsonNode best = null;
        int bestRank = Integer.MAX_VALUE;
        for (JsonNode node : nodes) {
            String id = node.path("@id").asText("");
            if (!id.isEmpty()) {
                byId.putIfAbsent(id, node);
            }
            int rank = rank(node);
            if (rank < bestRank) {
                best = node;
                bestRank = rank;
            }
        }
        return new JsonLd(best, byId);
    }

    static JsonNode parse(String block) {
        if (block == null || block.length() > MAX_BLOCK_CHARS) {
            return null;
        }
        String json = WRAPPER.matcher(block.strip()).replaceAll("").strip();
        if (json.isEmpty()) {
            return null;
        }
        try {
            return LENIENT.readTree(json);
        } catch (JsonProcessingException first) {
            try {
                return LENIENT.readTree(MISSING_VALUE.matcher(json).replaceAll(": null"));
            } catch (JsonProcessingException second) {
                return null;
            }
        }
    }

    private static void collect(JsonNode node, List<JsonNode> out, int depth) {
        if (depth > 3) {
            return;
        }
        if (node.isArray()) {
            for (JsonNode element : node) {
                collect(element, out, depth + 1);
            }
        } else if (node.isObject()) {
            out.add(node);
            JsonNode graph = node.get("@graph");
            if (graph != null) {
                collect(graph, out, depth + 1);
            }
        }
    }

    /** 0 for news articles, 1 for other articles and blog posts, MAX for anything else. */
    private static int rank(JsonNode node) {
        int best = Integer.MAX_VALUE;
        for (String type : types(node)) {
            if (type.endsWith("NewsArticle")) {
                best = Math.min(best, 0);
            } else if (type.endsWith("Article") || type.endsWith("BlogPosting") || type.equals("Report")) {
                best = Math.min(best, 1);
            }
        }
        return best;
    }

    private static Set<String> types(JsonNode node) {
        Set<String> types = new LinkedHashSet<>();
        JsonNode type = node.get("@type");
        if (type != null && type.isArray()) {
            type.forEach(t -> types.add(stripVocabulary(t.asText(""))));
        } else if (type != null) {
            types.add(stripVocabulary(type.asText("")));
        }
        return types;
    }

    private static String stripVocabulary(String type) {
        int slash = type.lastIndexOf('/');
        return slash >= 0 ? type.substring(slash + 1) : type;
    }

    boolean found() {
        return article != null;
    }

    /** The article's text property {@code name}, cleaned, or null. */
    String text(String name) {
        return article == null ? null : TextCleaner.cleanRaw(scalar(deref(article.get(name))));
    }

    /** The article's image: a URL, an ImageObject, or a list of either (the first counts). */
    String image() {
        if (article == null) {
            return null;
        }
        for (String name : List.of("image", "thumbnailUrl")) {
            String url = imageUrl(deref(article.get(name)), 0);
            if (url != null) {
                return url;
            }
        }
        return null;
    }

    private String imageUrl(JsonNode node, int depth) {
        if (node == null || depth > 3) {
            return null;
        }
        if (node.isTextual()) {
            return blankToNull(node.asText());
        }
        if (node.isArray()) {
            for (JsonNode element : node) {
                String url = imageUrl(deref(element), depth + 1);
                if (url != null) {
                    return url;
                }
            }
            return null;
        }
        for (String name : List.of("url", "contentUrl", "@id")) {
            JsonNode value = node.get(name);
            if (value != null && value.isTextual() && !value.asText().isBlank()) {
                return value.asText();
            }
        }
        return null;
    }

    /** The names of the article's authors (Person or Organization objects or plain strings). */
    String authors() {
        if (article == null) {
            return null;
        }
        JsonNode author = deref(article.get("author"));
        if (author == null) {
            return null;
        }
        Set<String> names = new LinkedHashSet<>();
        if (author.isArray()) {
            author.forEach(a -> addName(deref(a), names));
        } else {
            addName(author, names);
        }
        return names.isEmpty() ? null : String.join(", ", names);
    }

    private static void addName(JsonNode node, Set<String> names) {
        if (node == null) {
            return;
        }
        String name = TextCleaner.cleanRaw(node.isTextual() ? node.asText() : scalar(node.get("name")));
        if (name != null && !name.startsWith("http")) {
            names.add(name);
        }
    }

    /** The publisher's name. */
    String publisher() {
        if (article == null) {
            return null;
        }
        JsonNode publisher = deref(article.get("publisher"));
        if (publisher != null && publisher.isArray() && !publisher.isEmpty()) {
            publisher = deref(publisher.get(0));
        }
        if (publisher == null) {
            return null;
        }
        return TextCleaner.cleanRaw(publisher.isTextual() ? publisher.asText() : scalar(publisher.get("name")));
    }

    /** The article's own URL ({@code url}, else {@code mainEntityOfPage}). */
    String url() {
        if (article == null) {
            return null;
        }
        String url = scalar(article.get("url"));
        if (url == null) {
            JsonNode main = article.get("mainEntityOfPage");
            url = main != null && main.isObject() ? scalar(main.get("@id")) : scalar(main);
        }
        return blankToNull(url);
    }

    /** Follows an {@code {"@id": ...}} reference to the node it names, when the page has it. */
    private JsonNode deref(JsonNode node) {
        if (node != null && node.isObject() && node.size() == 1 && node.has("@id")) {
            JsonNode target = byId.get(node.get("@id").asText(""));
            return target != null ? target : node;
        }
        return node;
    }

    /** A text or number value, the first of an array of them, or null. */
    private static String scalar(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isArray()) {
            return node.isEmpty() ? null : scalar(node.get(0));
        }
        if (node.isValueNode()) {
            return blankToNull(node.asText());
        }
        return null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
