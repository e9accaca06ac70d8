package org.currents.enrich.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.currents.enrich.EnrichOptions;
import org.currents.enrich.EnrichSummary;
import org.currents.enrich.Enricher;
import org.currents.enrich.MetadataExtractor;
import org.currents.model.SourceMeta;
import org.currents.store.CitedUrl;
import org.currents.store.EnrichSelection;
import org.currents.store.SourceStore;

/**
 * Throughput of enrichment, for BENCHMARKS.md. Modes:
 *
 * <ul>
 *   <li>{@code extract}: metadata extraction on the article corpus, one thread;
 *   <li>{@code fetch-fast}: URLs on one made-up host, politeness off (no delay, 16 connections);
 *   <li>{@code fetch-polite}: 10 URLs on each of 20 made-up hosts, default politeness (1 s delay,
 *       2 connections per host), expected to approach 20 pages/s.
 * </ul>
 *
 * Every request goes to a local server on 127.0.0.1 acting as the proxy. Run from the worktree
 * after {@code mvn -q -B test-compile}: {@code java -cp
 * target/classes:target/test-classes:$(cat cp.txt) org.currents.enrich.bench.EnrichBench extract}.
 */
public final class EnrichBench {
    private EnrichBench() {}

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "extract";
        switch (mode) {
            case "extract" -> extract(Path.of(args.length > 1 ? args[1] : "../shared/corpus/articles"));
            case "fetch-fast" -> fetch(1, args.length > 1 ? Integer.parseInt(args[1]) : 2_000, false);
            case "fetch-polite" -> fetch(20, 10, true);
            default -> throw new IllegalArgumentException("mode must be extract, fetch-fast or fetch-polite: " + mode);
        }
    }

    private static void extract(Path dir) throws IOException {
        List<byte[]> pages = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p :
                    files.filter(f -> f.toString().endsWith(".html")).sorted().toList()) {
                pages.add(Files.readAllBytes(p));
            }
        }
        long bytes = pages.stream().mapToLong(b -> b.length).sum();
        URI base = URI.create("https://news.test/article");
        for (int round = 0; round < 10; round++) {
            pages.forEach(p -> MetadataExtractor.extract(p, null, base));
        }
        int rounds = 40;
        long start = System.nanoTime();
        for (int round = 0; round < rounds; round++) {
            pages.forEach(p -> MetadataExtractor.extract(p, null, base));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        int n = rounds * pages.size();
        System.out.printf(
                "extract: %d pages (%d distinct, %.1f MB each round) in %.2f s: %.0f pages/s, %.1f MB/s%n",
                n, pages.size(), bytes / 1e6, seconds, n / seconds, rounds * bytes / 1e6 / seconds);
    }

    private static void fetch(int hosts, int perHost, boolean polite) throws Exception {
        byte[] page = ("<!doctype html><html lang=en><head><meta charset=utf-8><title>A story</title>"
                        + "<meta property=og:title content='A story'><meta property=og:description content='What happened.'>"
                        + "<meta property=og:image content='/a.jpg'></head><body>"
                        + "<p>Lorem ipsum dolor sit amet, consectetur adipiscing elit.</p>\n".repeat(800)
                        + "</body></html>")
                .getBytes(StandardCharsets.UTF_8);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", ex -> {
            boolean robots = ex.getRequestURI().getPath().equals("/robots.txt");
            byte[] body = robots ? "User-agent: *\nDisallow: /private\n".getBytes(StandardCharsets.UTF_8) : page;
            ex.getResponseHeaders().set("Content-Type", robots ? "text/plain" : "text/html; charset=utf-8");
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try {
            List<CitedUrl> urls = new ArrayList<>();
            for (int i = 0; i < perHost; i++) {
                for (int h = 0; h < hosts; h++) {
                    urls.add(new CitedUrl("http://host" + h + ".test/story/" + i, LocalDate.of(2020, 1, 1)));
                }
            }
            EnrichOptions.Builder options = EnrichOptions.newBuilder()
                    .proxy(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                    .contact("mailto:bench@example.org");
            if (!polite) {
                options.delay(Duration.ZERO).connectionsPerHost(16).concurrency(16);
            }
            MemoryStore store = new MemoryStore(urls);
            EnrichSummary summary;
            try (Enricher enricher = Enricher.of(options.build())) {
                summary = enricher.run(store, EnrichSelection.firstSourcesNotYetFetched(), s -> {});
            }
            double seconds = summary.elapsed().toNanos() / 1e9;
            System.out.printf(
                    "fetch-%s: %d hosts x %d URLs (%.0f KB pages): %s in %.2f s: %.1f pages/s%n",
                    polite ? "polite" : "fast",
                    hosts,
                    perHost,
                    page.length / 1e3,
                    summary.line(),
                    seconds,
                    summary.done() / seconds);
        } finally {
            server.stop(0);
            ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
        }
    }

    /** A store holding the URLs to fetch and what was learnt, in memory. */
    private static final class MemoryStore implements SourceStore {
        private final List<CitedUrl> urls;
        private final Map<String, SourceMeta> saved = new ConcurrentHashMap<>();

        MemoryStore(List<CitedUrl> urls) {
            this.urls = urls;
        }

        @Override
        public Map<String, SourceMeta> sourceMeta(Collection<String> wanted) {
            Map<String, SourceMeta> found = new ConcurrentHashMap<>();
            wanted.forEach(u -> {
                if (saved.containsKey(u)) {
                    found.put(u, saved.get(u));
                }
            });
            return found;
        }

        @Override
        public void saveSourceMeta(SourceMeta meta) {
            saved.put(meta.url(), meta);
        }

        @Override
        public List<CitedUrl> urlsToEnrich(EnrichSelection selection) {
            return urls.stream().filter(u -> !saved.containsKey(u.url())).toList();
        }

        @Override
        public Map<String, Long> sourceOutcomeCounts() {
            return Map.of();
        }
    }
}
