package org.currents.enrich;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The real news pages of {@code ../shared/corpus/articles} with the values other projects'
 * test suites expect for them ({@code expected.json}). Tests skip when the folder is absent.
 */
final class ArticleCorpus {
    static final Path DIR = Path.of("..", "shared", "corpus", "articles");

    /** The fields compared, by our name, with the name {@code expected.json} gives them. */
    static final Map<String, String> FIELDS = new LinkedHashMap<>();

    static {
        FIELDS.put("title", "title");
        FIELDS.put("description", "description");
        FIELDS.put("image", "image");
        FIELDS.put("siteName", "site_name");
        FIELDS.put("published", "published");
        FIELDS.put("author", "author");
        FIELDS.put("language", "lang");
    }

    /**
     * One page.
     *
     * @param file the page's file name
     * @param url the URL it was recorded from
     * @param expected the expected value by field (ours), absent when the suite recorded none
     * @param source the suite that recorded the values
     */
    record Page(String file, String url, Map<String, String> expected, String source) {
        byte[] bytes() {
            try {
                return Files.readAllBytes(DIR.resolve(file));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private ArticleCorpus() {}

    static boolean present() {
        return Files.isRegularFile(DIR.resolve("expected.json"));
    }

    /** Every page; skips the calling test when the corpus is absent. */
    static List<Page> pages() {
        assumeTrue(present(), "no corpus at " + DIR.toAbsolutePath());
        try {
            JsonNode root =
                    new ObjectMapper().readTree(DIR.resolve("expected.json").toFile());
            List<Page> pages = new ArrayList<>();
            for (JsonNode entry : root) {
                Map<String, String> expected = new LinkedHashMap<>();
                FIELDS.forEach((ours, theirs) -> {
                    JsonNode value = entry.get(theirs);
                    if (value != null && value.isTextual()) {
                        expected.put(ours, value.asText());
                    } else if (value != null && value.isArray()) {
                        List<String> names = new ArrayList<>();
                        value.forEach(v -> names.add(v.asText()));
                        expected.put(ours, String.join(", ", names));
                    }
                });
                pages.add(new Page(
                        entry.get("file").asText(),
                        Objects.requireNonNull(entry.get("url"), "url").asText(),
                        expected,
                        entry.path("source_repo").asText()));
            }
            return pages;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
