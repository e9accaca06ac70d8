package org.currents.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.currents.model.SourceMeta;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fetcher's answer to each kind of server behaviour, as a table: every host is made up and
 * served by one local server reached as the fetcher's proxy.
 */
class FetchBehaviourTest {
    static final String PAGE = LocalWeb.article("A title", "A description", "/img/a.jpg");

    static LocalWeb web;

    @BeforeAll
    static void start() {
        web = LocalWeb.start();
    }

    @AfterAll
    static void stop() {
        web.close();
    }

    static EnrichOptions.Builder options() {
        return EnrichOptions.newBuilder()
                .proxy(web.address())
                .delay(Duration.ZERO)
                .connectTimeout(Duration.ofMillis(500))
                .timeout(Duration.ofMillis(400))
                .retryBackoff(Duration.ofMillis(50))
                .maxBodyBytes(64 * 1024)
                .contact("mailto:test@example.org");
    }

    /**
     * One row of the table.
     *
     * @param url what is fetched (each row has its own host)
     * @param path the path whose requests are counted
     * @param routes what the server does
     * @param outcome the expected outcome
     * @param status the expected final HTTP status
     * @param requests the expected number of requests for {@code path}
     */
    record Case(String url, String path, Consumer<LocalWeb> routes, String outcome, int status, int requests) {
        @Override
        public String toString() {
            return url + " -> " + outcome;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("http://ok.test/a", "/a", w -> w.page("http://ok.test/a", PAGE), "ok", 200, 1),
                new Case(
                        "http://moved.test/old",
                        "/new",
                        w -> w.route("http://moved.test/old", (ex, n) -> LocalWeb.redirect(ex, 301, "/new"))
                                .page("http://moved.test/new", PAGE),
                        "ok",
                        200,
                        1),
                new Case(
                        "http://loop.test/a",
                        "/a",
                        w -> w.route("http://loop.test/a", (ex, n) -> LocalWeb.redirect(ex, 302, "/b"))
                                .route(
                                        "http://loop.test/b",
                                        (ex, n) -> LocalWeb.redirect(ex, 302, "http://loop.test/a")),
                        "redirect-loop",
                        0,
                        1),
                new Case("http://chain.test/r0", "/r6", FetchBehaviourTest::chain, "too-many-redirects", 302, 0),
                new Case("http://gone.test/a", "/a", w -> {}, "http-404", 404, 1),
                new Case(
                        "http://removed.test/a",
                        "/a",
                        w -> w.route(
                                "http://removed.test/a", (ex, n) -> LocalWeb.send(ex, 410, "text/html", new byte[0])),
                        "http-410",
                        410,
                        1),
                new Case("http://busy.test/a", "/a", w -> busyOnce(w, "busy.test"), "ok", 200, 2),
                new Case(
                        "http://unavailable.test/a",
                        "/a",
                        w -> w.route("http://unavailable.test/a", (ex, n) -> {
                            ex.getResponseHeaders().set("Retry-After", "0");
                            LocalWeb.send(ex, 503, "text/html", new byte[0]);
                        }),
                        "http-503",
                        503,
                        3),
                new Case(
                        "http://patient.test/a",
                        "/a",
                        w -> w.route("http://patient.test/a", (ex, n) -> {
                            ex.getResponseHeaders().set("Retry-After", "3600");
                            LocalWeb.send(ex, 429, "text/html", new byte[0]);
                        }),
                        "http-429",
                        429,
                        1),
                new Case(
                        "http://flaky.test/a",
                        "/a",
                        w -> w.route("http://flaky.test/a", (ex, n) -> {
                            if (n == 1) {
                                LocalWeb.send(ex, 500, "text/html", new byte[0]);
                            } else {
                                LocalWeb.send(ex, 200, "text/html", PAGE.getBytes(StandardCharsets.UTF_8));
                            }
                        }),
                        "ok",
                        200,
                        2),
                new Case(
                        "http://silent.test/a",
                        "/a",
                        w -> w.route("http://silent.test/a", (ex, n) -> sleep(2_000)),
                        "timeout",
                        0,
                        3),
                new Case(
                        "http://endless.test/a",
                        "/a",
                        w -> w.route("http://endless.test/a", FetchBehaviourTest::endless),
                        "too-large",
                        200,
                        1),
                new Case(
                        "http://picture.test/a.png",
                        "/a.png",
                        w -> w.route(
                                "http://picture.test/a.png",
                                (ex, n) -> LocalWeb.send(ex, 200, "image/png", new byte[] {1, 2, 3})),
                        "not-html",
                        200,
                        1),
                new Case(
                        "http://private.test/secret/a",
                        "/secret/a",
                        w -> w.route(
                                        "http://private.test/robots.txt",
                                        (ex, n) -> LocalWeb.send(
                                                ex,
                                                200,
                                                "text/plain",
                                                "User-agent: *\nDisallow: /secret\n".getBytes(StandardCharsets.UTF_8)))
                                .page("http://private.test/secret/a", PAGE),
                        "robots-denied",
                        0,
                        0),
                new Case(
                        "http://gzip.test/a",
                        "/a",
                        w -> w.route("http://gzip.test/a", (ex, n) -> encoded(ex, "gzip")),
                        "ok",
                        200,
                        1),
                new Case(
                        "http://deflate.test/a",
                        "/a",
                        w -> w.route("http://deflate.test/a", (ex, n) -> encoded(ex, "deflate")),
                        "ok",
                        200,
                        1),
                new Case(
                        "http://elsewhere.test/a",
                        "/a",
                        w -> w.route(
                                "http://elsewhere.test/a", (ex, n) -> LocalWeb.redirect(ex, 302, "ftp://files.test/a")),
                        "bad-url",
                        302,
                        1));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void recordsTheOutcomeOfEachServerBehaviour(Case c) throws Exception {
        c.routes().accept(web);
        SourceMeta meta;
        try (Enricher enricher = Enricher.of(options().build())) {
            meta = enricher.meta(c.url(), null);
        }
        assertThat(meta.outcome()).isEqualTo(c.outcome());
        assertThat(meta.httpStatus()).isEqualTo(c.status());
        String host = java.net.URI.create(c.url()).getHost();
        assertThat(web.hits(host).stream().filter(h -> h.pathAndQuery().equals(c.path())))
                .as("requests for " + c.path())
                .hasSize(c.requests());
        if (c.outcome().equals("ok")) {
            assertThat(meta.title()).isEqualTo("A title");
            assertThat(meta.description()).isEqualTo("A description");
            assertThat(meta.image()).isEqualTo("http://" + host + "/img/a.jpg");
        }
    }

    @Test
    void followsARedirectToItsFinalUrl() throws Exception {
        web.route("http://renamed.test/old", (ex, n) -> LocalWeb.redirect(ex, 308, "https://renamed.test/new?x=1"));
        try (Enricher enricher = Enricher.of(options().build())) {
            SourceMeta meta = enricher.meta("http://renamed.test/old", null);
            // https through the proxy is a CONNECT tunnel, which the local server refuses.
            assertThat(meta.finalUrl()).isEqualTo("https://renamed.test/new?x=1");
        }
    }

    @Test
    void waitsForRetryAfterBeforeTryingAgain() throws Exception {
        busyOnce(web, "busier.test");
        try (Enricher enricher = Enricher.of(options().build())) {
            assertThat(enricher.meta("http://busier.test/a", null).outcome()).isEqualTo("ok");
        }
        List<LocalWeb.Hit> tries = web.hits("busier.test").stream()
                .filter(h -> h.pathAndQuery().equals("/a"))
                .toList();
        assertThat(tries).hasSize(2);
        long gap = tries.get(tries.size() - 1).nanos()
                - tries.get(tries.size() - 2).nanos();
        assertThat(Duration.ofNanos(gap)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }

    @Test
    void sendsAUserAgentNamingCurrentsAndTheContact() throws Exception {
        web.page("http://agent.test/a", PAGE);
        try (Enricher enricher = Enricher.of(options().build())) {
            enricher.meta("http://agent.test/a", null);
        }
        assertThat(web.hits("agent.test"))
                .extracting(LocalWeb.Hit::userAgent)
                .allSatisfy(ua -> assertThat(ua).startsWith("currents/").endsWith("(+mailto:test@example.org)"));
    }

    @Test
    void honoursCrawlDelay() throws Exception {
        web.route(
                        "http://slow.test/robots.txt",
                        (ex, n) -> LocalWeb.send(
                                ex,
                                200,
                                "text/plain",
                                "User-agent: *\nCrawl-delay: 0.3\n".getBytes(StandardCharsets.UTF_8)))
                .page("http://slow.test/1", PAGE)
                .page("http://slow.test/2", PAGE)
                .page("http://slow.test/3", PAGE);
        List<Long> sent = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (Enricher enricher = Enricher.of(options().build())) {
            enricher.onSend(s -> sent.add(s.startNanos()));
            for (int i = 1; i <= 3; i++) {
                assertThat(enricher.meta("http://slow.test/" + i, null).outcome())
                        .isEqualTo("ok");
            }
        }
        assertThat(web.hits("slow.test")).hasSize(4);
        assertThat(sent).hasSize(4);
        for (int i = 1; i < sent.size(); i++) {
            assertThat(Duration.ofNanos(sent.get(i) - sent.get(i - 1))).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        }
    }

    @Test
    void capsCrawlDelay() throws Exception {
        web.route(
                        "http://slower.test/robots.txt",
                        (ex, n) -> LocalWeb.send(
                                ex,
                                200,
                                "text/plain",
                                "User-agent: *\nCrawl-delay: 3600\n".getBytes(StandardCharsets.UTF_8)))
                .page("http://slower.test/1", PAGE);
        long start = System.nanoTime();
        try (Enricher enricher =
                Enricher.of(options().maxCrawlDelay(Duration.ofMillis(200)).build())) {
            assertThat(enricher.meta("http://slower.test/1", null).outcome()).isEqualTo("ok");
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    private static void chain(LocalWeb w) {
        for (int i = 0; i < 10; i++) {
            String next = "/r" + (i + 1);
            w.route("http://chain.test/r" + i, (ex, n) -> LocalWeb.redirect(ex, 302, next));
        }
    }

    private static void busyOnce(LocalWeb w, String host) {
        w.route("http://" + host + "/a", (ex, n) -> {
            if (n == 1) {
                ex.getResponseHeaders().set("Retry-After", "1");
                LocalWeb.send(ex, 429, "text/html", new byte[0]);
            } else {
                LocalWeb.send(ex, 200, "text/html", PAGE.getBytes(StandardCharsets.UTF_8));
            }
        });
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sends HTML until the client hangs up, or 20 MB at most. */
    private static void endless(HttpExchange ex, int n) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "text/html");
        ex.sendResponseHeaders(200, 0);
        byte[] chunk = "<div>endless</div>\n".repeat(400).getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = ex.getResponseBody()) {
            out.write("<html><head><title>x</title></head><body>".getBytes(StandardCharsets.UTF_8));
            for (long sent = 0; sent < 20_000_000; sent += chunk.length) {
                out.write(chunk);
            }
        }
    }

    private static void encoded(HttpExchange ex, String encoding) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out =
                encoding.equals("gzip") ? new GZIPOutputStream(bytes) : new DeflaterOutputStream(bytes)) {
            out.write(PAGE.getBytes(StandardCharsets.UTF_8));
        }
        ex.getResponseHeaders().set("Content-Encoding", encoding);
        LocalWeb.send(ex, 200, "text/html; charset=utf-8", bytes.toByteArray());
    }
}
