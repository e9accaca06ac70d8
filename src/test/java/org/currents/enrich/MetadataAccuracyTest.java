package org.currents.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Extraction accuracy on the real pages of the shared corpus against the values other projects'
 * suites recorded. Prints, per field, the exact-match rate and each miss with its reason.
 *
 * <p>The suites disagree with each other on normalisation (typographic apostrophes, no-break
 * spaces, site-name suffixes, URL decoding), so no single extractor matches all of them exactly:
 * latimes/theregister/engadget expect "you’ll" where yna and lefigaro expect "Korea's" for the
 * same straight apostrophe in the page. Misses where the reference is another tool's rewriting
 * are listed with their reason in {@code enrich/reference-divergences.tsv}; the gate is that
 * title, description and image each match exactly on at least 95% of the remaining pages, and
 * that every listed divergence is still a miss. The exact rates over all pages are printed too.
 */
class MetadataAccuracyTest {
    static final double BAR = 0.95;
    static final List<String> GATED = List.of("title", "description", "image");

    @Test
    void matchesExpectedTitleDescriptionAndImageOnTheCorpus() {
        Map<String, PageMetadata> extracted = new LinkedHashMap<>();
        for (ArticleCorpus.Page page : ArticleCorpus.pages()) {
            extracted.put(page.file(), MetadataExtractor.extract(page.bytes(), null, URI.create(page.url())));
        }
        Map<String, String> divergences = divergences();
        AccuracyReport report = AccuracyReport.of(ArticleCorpus.pages(), extracted::get, divergences);
        System.out.println(report.render());
        for (String field : GATED) {
            assertThat(report.accuracyBesidesDivergences(field))
                    .as(field + " accuracy on pages without a documented reference divergence")
                    .isGreaterThanOrEqualTo(BAR);
        }
        assertThat(report.listedButMatching())
                .as("listed divergences that now match")
                .isEmpty();
    }

    /** The documented divergences, by {@code file + "\t" + field}, with their reasons. */
    static Map<String, String> divergences() {
        Map<String, String> reasons = new LinkedHashMap<>();
        try (InputStream in = MetadataAccuracyTest.class.getResourceAsStream("/enrich/reference-divergences.tsv")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (String line : text.split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cols = line.split("\t", 3);
                reasons.put(cols[0] + "\t" + cols[1], cols[2]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return reasons;
    }

    /** Exact-match counts and misses per field. */
    record AccuracyReport(Map<String, int[]> counts, Map<String, List<String>> misses, List<String> listedButMatching) {
        /**
         * Compares every page; {@code counts} holds per field: exact matches, pages with a value,
         * documented divergences.
         */
        static AccuracyReport of(
                List<ArticleCorpus.Page> pages,
                Function<String, PageMetadata> byFile,
                Map<String, String> divergences) {
            List<String> listedButMatching = new ArrayList<>();
            Map<String, int[]> counts = new LinkedHashMap<>();
            Map<String, List<String>> misses = new LinkedHashMap<>();
            for (String field : ArticleCorpus.FIELDS.keySet()) {
                counts.put(field, new int[3]);
                misses.put(field, new ArrayList<>());
            }
            for (ArticleCorpus.Page page : pages) {
                PageMetadata meta = byFile.apply(page.file());
                page.expected().forEach((field, expected) -> {
                    String actual = meta == null ? null : value(meta, field);
                    int[] c = counts.get(field);
                    c[1]++;
                    // The suites record "nothing found" as an empty string; we store null.
                    boolean same = expected.isEmpty() ? actual == null : expected.equals(actual);
                    String reason = divergences.get(page.file() + "\t" + field);
                    if (same) {
                        c[0]++;
                        if (reason != null) {
                            listedButMatching.add(page.file() + " " + field);
                        }
                    } else {
                        if (reason != null) {
                            c[2]++;
                        }
                        misses.get(field)
                                .add(page.file() + " (" + page.source() + ")\n      expected: " + show(expected)
                                        + "\n      actual:   " + show(actual)
                                        + (reason == null ? "" : "\n      why:      " + reason));
                    }
                });
            }
            return new AccuracyReport(counts, misses, listedButMatching);
        }

        double accuracyBesidesDivergences(String field) {
            int[] c = counts.get(field);
            return c[1] - c[2] == 0 ? 1.0 : (double) c[0] / (c[1] - c[2]);
        }

        double accuracy(String field) {
            int[] c = counts.get(field);
            return c[1] == 0 ? 1.0 : (double) c[0] / c[1];
        }

        String render() {
            StringBuilder sb = new StringBuilder("Metadata accuracy on the article corpus (exact matches):\n");
            counts.forEach((field, c) -> {
                sb.append(String.format(
                        "  %-12s exact %2d/%2d %5.1f%%; besides %d documented reference divergences %2d/%2d %5.1f%%%s%n",
                        field,
                        c[0],
                        c[1],
                        100.0 * accuracy(field),
                        c[2],
                        c[0],
                        c[1] - c[2],
                        100.0 * accuracyBesidesDivergences(field),
                        GATED.contains(field) ? "  (gated at 95%)" : ""));
                for (String miss : misses.get(field)) {
                    sb.append("    miss: ").append(miss).append('\n');
                }
            });
            return sb.toString();
        }

        private static String show(String s) {
            if (s == null) {
                return "(none)";
            }
            return '"' + (s.length() > 160 ? s.substring(0, 160) + "..." : s) + '"';
        }
    }

    static String value(PageMetadata meta, String field) {
        return switch (field) {
            case "title" -> meta.title();
            case "description" -> meta.description();
            case "image" -> meta.image();
            case "siteName" -> meta.siteName();
            case "published" -> meta.published();
            case "author" -> meta.author();
            case "language" -> meta.language();
            default -> throw new IllegalArgumentException("unknown field: " + field);
        };
    }
}
