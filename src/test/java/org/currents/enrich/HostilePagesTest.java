package org.currents.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.currents.model.SourceMeta;
import org.junit.jupiter.api.Test;

/** Pages written to hurt: they are stored as plain text or refused, and never crash anything. */
class HostilePagesTest {
    static final URI BASE = URI.create("http://hostile.test/page");

    @Test
    void keepsAScriptInADescriptionAsText() {
        String html =
                "<html><head><meta property=og:description content=\"Hi <script>alert(1)</script> there &lt;b&gt;\">"
                        + "<meta property=og:title content='&lt;img src=x onerror=alert(1)&gt;Title'></head></html>";
        PageMetadata m = MetadataExtractor.extract(html, BASE);
        assertThat(m.description()).isEqualTo("Hi there");
        assertThat(m.title()).doesNotContain("<img").endsWith("Title");
    }

    /** Found by MetadataExtractorFuzzTest (issue 12): {@code lang=","} threw and lost the page. */
    @Test
    void readsAPageWhoseLanguageIsOnlyAComma() {
        PageMetadata m = MetadataExtractor.extract("<html lang=\",\"><title>Comma</title></html>", BASE);
        assertThat(m.title()).isEqualTo("Comma");
        assertThat(m.language()).isNull();
    }

    /** Issue 12: bidi controls are dropped from fetched text, as the wikitext path drops them. */
    @Test
    void dropsBidiControlsFromDescriptionsAndTitles() {
        String html = "<meta property=og:description content=\"Safe \u202eevil\u202c text\u2066\">"
                + "<title>Ti\u200ftle\u2069</title>";
        PageMetadata m = MetadataExtractor.extract(html, BASE);
        assertThat(m.description()).isEqualTo("Safe evil text");
        assertThat(m.title()).isEqualTo("Title");
    }

    @Test
    void refusesImagesThatAreNoWebUrls() {
        String html =
                "<meta property=og:image content='javascript:alert(1)'><meta name=twitter:image content='data:image/png;base64,AAAA'>";
        assertThat(MetadataExtractor.extract(html, BASE).image()).isNull();
    }

    @Test
    void survivesTenThousandNestedDivs() {
        String html = "<html><head><title>Deep</title></head><body>" + "<div>".repeat(10_000) + "x"
                + "</div>".repeat(10_000) + "</body></html>";
        assertThat(MetadataExtractor.extract(html, BASE).title()).isEqualTo("Deep");
    }

    @Test
    void survivesDeeplyNestedJsonLd() {
        String json = "[".repeat(5_000) + "]".repeat(5_000);
        String html =
                "<script type=application/ld+json>" + json + "</script><script type=application/ld+json>{\"@type\":"
                        + "\"NewsArticle\",\"headline\":\"Still found\",\"image\":{\"url\":}}</script>";
        assertThat(MetadataExtractor.extract(html, BASE).title()).isEqualTo("Still found");
    }

    @Test
    void readsPagesWithABrokenCharset() {
        byte[] html = "<html><head><meta charset=\"x-no-such-charset\"><title>Caf\u00e9 \u00fcber</title></head></html>"
                .getBytes(StandardCharsets.ISO_8859_1);
        PageMetadata m = MetadataExtractor.extract(html, "text/html; charset=\"bogus\"", BASE);
        assertThat(m.title()).startsWith("Caf");
        byte[] invalid = "<title>\u00ff\u00feok</title>".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(MetadataExtractor.extract(invalid, "text/html; charset=utf-8", BASE)
                        .title())
                .endsWith("ok");
    }

    @Test
    void honoursTheCharsetOfTheHeaderThenTheBomThenTheMeta() {
        byte[] latin = "<title>Caf\u00e9</title>".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(MetadataExtractor.extract(latin, "text/html; charset=ISO-8859-1", BASE)
                        .title())
                .isEqualTo("Caf\u00e9");
        byte[] meta = "<meta charset=windows-1252><title>Caf\u00e9</title>".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(MetadataExtractor.extract(meta, null, BASE).title()).isEqualTo("Caf\u00e9");
        byte[] bom = ("\uFEFF<title>Caf\u00e9</title>").getBytes(StandardCharsets.UTF_8);
        assertThat(MetadataExtractor.extract(bom, "text/html; charset=ISO-8859-1", BASE)
                        .title())
                .isEqualTo("Caf\u00e9");
    }

    @Test
    void stopsReadingAFiftyMegabytePage() throws Exception {
        try (LocalWeb web = LocalWeb.start()) {
            web.route("http://huge.test/a", HostilePagesTest::fiftyMegabytes);
            long start = System.nanoTime();
            SourceMeta meta;
            try (Enricher enricher = Enricher.of(EnrichOptions.newBuilder()
                    .proxy(web.address())
                    .delay(Duration.ZERO)
                    .build())) {
                meta = enricher.meta("http://huge.test/a", null);
            }
            assertThat(meta.outcome()).isEqualTo("too-large");
            assertThat(meta.title()).isNull();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        }
    }

    @Property(tries = 200)
    void neverThrowsOnArbitraryBytes(@ForAll @Size(max = 2_000) byte[] body) {
        MetadataExtractor.extract(body, "text/html", BASE);
    }

    @Property(tries = 200)
    void neverThrowsOnArbitraryMarkup(@ForAll @Size(max = 300) String text) {
        String html = "<html><head><meta property=og:title content=\"" + text + "\"><script type=application/ld+json>"
                + text + "</script><title>" + text + "</title></head><body>" + text + "</body></html>";
        PageMetadata m = MetadataExtractor.extract(html, BASE);
        if (m.title() != null) {
            assertThat(m.title()).doesNotContain("\n").isEqualTo(m.title().strip());
        }
    }

    private static void fiftyMegabytes(HttpExchange ex, int n) throws IOException {
        byte[] chunk = "<p>filler filler filler filler</p>\n".repeat(2_000).getBytes(StandardCharsets.UTF_8);
        long size = 50L * 1024 * 1024;
        ex.getResponseHeaders().set("Content-Type", "text/html");
        ex.sendResponseHeaders(200, size);
        try (OutputStream out = ex.getResponseBody()) {
            out.write("<html><head><title>Huge</title></head><body>".getBytes(StandardCharsets.UTF_8));
            for (long sent = 45; sent + chunk.length <= size; sent += chunk.length) {
                out.write(chunk);
            }
        }
    }
}
