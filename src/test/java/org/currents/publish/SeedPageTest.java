package org.currents.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.currents.enrich.EnrichOptions;
import org.currents.enrich.Enricher;
import org.currents.store.ArchiveStore;
import org.currents.store.EnrichSelection;
import org.currents.testing.Archives;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance bar of the archive: the seed page in ../shared/seeds must come out of currents
 * line for line, from the shipped revision history of 2017 July 9 and its related days (a first
 * version, an update that turns the story bullet into a prefix, a vandal edit and its revert,
 * the current version, and distractors that must stay out of the Related list).
 */
class SeedPageTest {
    static final Path SEED = Archives.SHARED.resolve("seeds/000_46e04a8a75e51dac.txt");
    static final String PAGE = "news/2017/07/9/u-s-president-donald-trump-says-he-and-russian-president-vladimir-putin-"
            + "discussed-forming-an-impenetrable-cyber-security-unit-so-that-elec.md";

    @TempDir
    Path dir;

    @Test
    void reproducesTheSeedPageLineForLine() throws Exception {
        assumeTrue(Files.isRegularFile(SEED), "../shared/seeds is absent");
        Path site = dir.resolve("site");
        try (ArchiveStore store = Archives.open(dir);
                FakeBbc bbc = FakeBbc.start()) {
            Archives.importFile(store, Archives.sample(dir));
            EnrichOptions options = EnrichOptions.newBuilder()
                    .proxy(bbc.address())
                    .delay(Duration.ZERO)
                    .contact("tests@currents.invalid")
                    .build();
            try (Enricher enricher = Enricher.of(options)) {
                enricher.run(store, EnrichSelection.firstSourcesNotYetFetched(), s -> {});
            }
            SiteBuilderTest.markdown(store, site);
            assertThat(bbc.requests()).contains("GET http://www.bbc.com/news/world-us-canada-40552571");
        }
        List<String> expected = expected(Files.readAllLines(SEED, StandardCharsets.UTF_8), true);
        List<String> actual = Files.readAllLines(site.resolve(PAGE), StandardCharsets.UTF_8);
        assertThat(actual).containsExactlyElementsOf(expected);
    }

    @Test
    void leavesOutTheSummaryAndCoverImageUntilSourcesAreEnriched() throws IOException {
        assumeTrue(Files.isRegularFile(SEED), "../shared/seeds is absent");
        Path site = dir.resolve("site");
        try (ArchiveStore store = Archives.open(dir)) {
            Archives.importFile(store, Archives.sample(dir));
            SiteBuilderTest.markdown(store, site);
        }
        List<String> expected = expected(Files.readAllLines(SEED, StandardCharsets.UTF_8), false);
        List<String> actual = Files.readAllLines(site.resolve(PAGE), StandardCharsets.UTF_8);
        assertThat(actual).containsExactlyElementsOf(expected);
    }

    /**
     * A stand-in for www.bbc.com as a proxy on 127.0.0.1: answers the seed's source URL with an
     * article page of our own whose Open Graph description and image are the seed's summary and
     * cover image; everything else is a 404. Nothing leaves the machine.
     */
    static final class FakeBbc implements AutoCloseable {
        private final HttpServer server;
        private final List<String> requests = new java.util.concurrent.CopyOnWriteArrayList<>();

        private FakeBbc(HttpServer server) {
            this.server = server;
        }

        static FakeBbc start() throws IOException {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
            FakeBbc bbc = new FakeBbc(server);
            server.createContext("/", bbc::handle);
            server.start();
            return bbc;
        }

        URI address() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        }

        List<String> requests() {
            return requests;
        }

        private void handle(HttpExchange x) throws IOException {
            requests.add(x.getRequestMethod() + " " + x.getRequestURI());
            boolean article = x.getRequestURI().toString().equals("http://www.bbc.com/news/world-us-canada-40552571");
            byte[] body = (article ? ARTICLE : "not found").getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().set("Content-Type", article ? "text/html; charset=utf-8" : "text/plain");
            x.sendResponseHeaders(article ? 200 : 404, body.length);
            try (var out = x.getResponseBody()) {
                out.write(body);
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }

        static final String ARTICLE = """
                <!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">
                <title>Trump says cyber security unit with Russia will not happen - BBC News</title>
                <meta property="og:title" content="Trump U-turn on cyber security unit with Russia">
                <meta property="og:description" content="Donald Trump said a cybersecurity unit with Russia would not happen - hours after proposing the idea.">
                <meta property="og:image" content="https://ichef.bbci.co.uk/news/1024/cpsprodpb/0060/production/_96869000_putintrump.jpg">
                <meta property="og:site_name" content="BBC News">
                </head><body><h1>Trump U-turn on cyber security unit with Russia</h1></body></html>
                """;
    }

    /**
     * The seed with its known differences applied, each for a reason SPEC.md gives or the seed
     * shows.
     */
    static List<String> expected(List<String> seed, boolean enriched) {
        List<String> out = new ArrayList<>();
        int change = 0;
        boolean changes = false;
        for (String line : seed) {
            // SPEC: trailing spaces inside texts are trimmed (the seed's texts end in a space)
            String l = line.replace(" ](", "](");
            if (l.startsWith("# ")) {
                l = l.stripTrailing();
            }
            // SPEC: a curly apostrophe in a slug becomes '-'; the seed's "americaas" is an
            // encoding accident that also cut that slug two characters short ("dmi")
            l = l.replace(
                    "countering-americaas-adversaries-through-sanctions-act-prime-minister-of-russia-dmi.md",
                    "countering-america-s-adversaries-through-sanctions-act-prime-minister-of-russia-dmitr.md");
            // The seed cut this slug one character short as well ("impenetrabl"): its text, as
            // shown, has 140 characters up to "impenetrable", so SPEC's rule keeps the "e".
            l = l.replace("discussed-forming-an-impenetrabl.md", "discussed-forming-an-impenetrable.md");
            // SPEC: the Changes list is numbered 1, 2, 3 (the seed's repeated "2." is a glitch)
            if (l.equals("### Changes:")) {
                changes = true;
            } else if (changes && l.matches("\\d+\\. .*")) {
                l = (++change) + l.substring(l.indexOf('.'));
            }
            // The summary and the cover image come from the first source's metadata, which only
            // `enrich` fetches
            if (!enriched
                    && (l.startsWith("Donald Trump said a cybersecurity unit") || l.startsWith("1. [Cover Image]"))) {
                continue;
            }
            out.add(l);
        }
        // without a summary, its block and its blank line go too
        for (int k = 1; !enriched && k < out.size(); k++) {
            if (out.get(k).isEmpty()
                    && out.get(k - 1).isEmpty()
                    && k + 1 < out.size()
                    && out.get(k + 1).isEmpty()) {
                out.remove(k);
                break;
            }
        }
        return out;
    }
}
