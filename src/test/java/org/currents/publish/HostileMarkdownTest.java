package org.currents.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.currents.model.SourceMeta;
import org.currents.store.ArchiveStore;
import org.currents.store.Stores;
import org.currents.testing.HostileHistory;
import org.currents.testing.Injections;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Markdown archive of a hostile history (testing.HostileHistory), rendered to HTML by a
 * CommonMark renderer as a reader's viewer would (raw HTML allowed, URLs not sanitised: the
 * renderer's defaults): no page holds an injected element, handler or {@code javascript:} URL.
 */
class HostileMarkdownTest {
    @TempDir
    static Path dir;

    static Path site;
    static Map<Path, Document> pages = new LinkedHashMap<>();

    @BeforeAll
    static void build() throws IOException {
        site = HostileHistory.build(dir);
        Parser parser = Parser.builder().build();
        HtmlRenderer renderer = HtmlRenderer.builder().build();
        try (Stream<Path> files = Files.walk(site)) {
            for (Path md :
                    files.filter(f -> f.toString().endsWith(".md")).sorted().toList()) {
                String html = renderer.render(parser.parse(Files.readString(md)));
                pages.put(site.relativize(md), Jsoup.parse(html));
            }
        }
    }

    @Test
    void noMarkdownPageHoldsAnInjection() {
        List<String> found = new ArrayList<>();
        pages.forEach((path, doc) -> Injections.found(doc).forEach(f -> found.add("/" + path + ": " + f)));
        assertThat(found)
                .as("injections in the Markdown pages rendered by CommonMark")
                .isEmpty();
    }

    @Test
    void thePayloadsReachThePagesAsText() {
        // Else the test above would pass on a site that dropped the hostile events.
        StringBuilder text = new StringBuilder();
        pages.values().forEach(doc -> text.append(doc.text()).append('\n'));
        assertThat(pages.keySet().stream().map(Path::toString))
                .contains("news/2017/07/9/index.md", "news/2017/07/10/index.md")
                .hasSizeGreaterThanOrEqualTo(14);
        assertThat(text)
                .contains("<script>window.__pwned='raw-script'</script>")
                .contains("<script>window.__pwned='raw-script-2'</script>")
                .contains("<script>window.__pwned='entity-script'</script>")
                .contains("onerror=window.__pwned='label'")
                .contains("<svg onload=window.__pwned='numeric'>")
                .contains("window.__pwned='quote-url'")
                .contains("window.__pwned='outlet-2'")
                .contains("onerror=\"window.__pwned='category'\"");
    }

    @Test
    void theHostileMetadataWasStoredByEnrich() {
        // The fixture's other half: what the real enrich kept of the hostile pages it fetched.
        try (ArchiveStore store = Stores.open(dir.resolve("archive.db").toString())) {
            Map<String, SourceMeta> meta = store.sourceMeta(List.of("http://meta.test/og2", "http://meta.test/og1"));
            assertThat(meta.get("http://meta.test/og2").image()).contains("\"onerror=\"window.__pwned=");
            assertThat(meta.get("http://meta.test/og1").description()).startsWith("\">");
        }
    }
}
