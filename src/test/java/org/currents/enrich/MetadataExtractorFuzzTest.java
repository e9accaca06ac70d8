package org.currents.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterProperty;
import org.currents.testing.Fuzzing;

/**
 * Fuzzing the metadata extractor (issue 12): hostile HTML, bytes under any declared charset and
 * odd base URLs never make it throw or hang, and what it returns is bounded and clean (no
 * control or bidi characters in text fields, no URL longer than the limit). Tries: {@code
 * jqwik.tries.default}; see {@link Fuzzing}.
 */
class MetadataExtractorFuzzTest {
    private static final String TARGET = "metadata extractor";

    /** The pieces of HTML the extractor reads, and some that break it up. */
    private static final List<String> FRAGMENTS = List.of(
            "<html>",
            "<head>",
            "</head>",
            "<title>",
            "</title>",
            "<meta property=\"og:title\" content=\"",
            "<meta property=\"og:description\" content=\"",
            "<meta property=\"og:image\" content=\"",
            "<meta property=\"og:url\" content=\"",
            "<meta property=\"article:published_time\" content=\"",
            "<meta name=\"twitter:title\" content=\"",
            "<meta name=\"description\" content=\"",
            "<meta name=\"author\" content=\"",
            "<meta charset=\"",
            "<meta http-equiv=\"content-type\" content=\"text/html; charset=",
            "\">",
            "\"/>",
            "<link rel=\"canonical\" href=\"",
            "<script type=\"application/ld+json\">",
            "</script>",
            "{\"@type\":\"NewsArticle\",\"headline\":\"",
            "\"datePublished\":\"",
            "\"author\":{\"name\":\"",
            "\"@graph\":[",
            "{",
            "}",
            "[",
            "]",
            "\"",
            ",",
            ":",
            "<time datetime=\"",
            "</time>",
            "<html lang=\"",
            "2017-07-09T10:00:00Z",
            "2017-13-45",
            "http://",
            "https://a.example/x",
            "javascript:alert(1)",
            "file:///etc/passwd",
            "//evil.example",
            "\u202e",
            "\u0000",
            "\u0007",
            "\r\n",
            "&amp;",
            "&lt;",
            "&#x202e;",
            "&#0;",
            "é",
            "\uD800",
            "x",
            " ",
            "news ");

    @Provide
    Arbitrary<String> html() {
        Arbitrary<String> markup =
                Arbitraries.of(FRAGMENTS).list().ofMaxSize(120).map(l -> String.join("", l));
        return Arbitraries.frequencyOf(
                Tuple.of(8, markup), Tuple.of(2, Arbitraries.strings().ofMaxLength(2_000)));
    }

    @Provide
    Arbitrary<String> contentTypes() {
        return Arbitraries.of(
                        "text/html",
                        "text/html; charset=utf-8",
                        "text/html; charset=ISO-8859-1",
                        "text/html; charset=utf-16",
                        "text/html; charset=x-no-such",
                        "text/html; charset=\"",
                        "text/html; charset=",
                        "text/html; charset=UTF-7",
                        "text/html; charset=../../etc",
                        "application/xhtml+xml")
                .injectNull(0.1);
    }

    @Provide
    Arbitrary<URI> bases() {
        return Arbitraries.of(
                URI.create("https://news.example/2017/07/09/story.html"),
                URI.create("http://[::1]:8080/a?b=c#d"),
                URI.create("https://xn--nxasmq6b.example/%E2%80%AE"),
                URI.create("http://a.example"));
    }

    @Property
    void noPageMakesTheExtractorThrowOrHang(
            @ForAll("html") String html,
            @ForAll("contentTypes") String contentType,
            @ForAll("bases") URI base,
            @ForAll boolean asBytes)
            throws Exception {
        Fuzzing.timed(TARGET, () -> {
            PageMetadata m = asBytes
                    ? MetadataExtractor.extract(html.getBytes(StandardCharsets.UTF_8), contentType, base)
                    : MetadataExtractor.extract(html, base);
            for (String text : new String[] {m.title(), m.description(), m.siteName(), m.author()}) {
                if (text != null) {
                    assertThat(text).doesNotContainPattern("[\\p{Cc}\\u202a-\\u202e\\u2066-\\u2069]");
                }
            }
            for (String url : new String[] {m.image(), m.canonicalUrl()}) {
                if (url != null) {
                    assertThat(url.length()).isLessThanOrEqualTo(MetadataExtractor.MAX_URL_LENGTH);
                }
            }
        });
    }

    @AfterProperty
    void report() {
        Fuzzing.report(TARGET);
    }
}
