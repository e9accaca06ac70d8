package org.currents.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code currents meta} in-process, against a local server acting as the proxy for made-up hosts. */
class MetaCommandTest {
    static final Path CORPUS = Path.of("..", "shared", "corpus", "articles");

    HttpServer proxy;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @BeforeEach
    void start() throws IOException {
        proxy = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        proxy.createContext("/", ex -> {
            String host = ex.getRequestURI().getHost();
            String path = ex.getRequestURI().getPath();
            byte[] body;
            int status = 200;
            if ("news.test".equals(host) && path.equals("/story")) {
                body = ("<html lang=en><head><meta property=og:title content='A &amp; B'>"
                                + "<meta property=og:description content='What happened.'>"
                                + "<meta property=og:image content='/i.jpg'></head></html>")
                        .getBytes(StandardCharsets.UTF_8);
            } else if ("news.test".equals(host) && path.equals("/to-file")) {
                ex.getResponseHeaders().set("Location", "file:///etc/passwd");
                status = 302;
                body = new byte[0];
            } else if ("www.wsj.com".equals(host) && Files.isDirectory(CORPUS)) {
                body = Files.readAllBytes(CORPUS.resolve("wsj.com__circleci-raises-18m__metascraper.html"));
            } else {
                status = 404;
                body = "no".getBytes(StandardCharsets.UTF_8);
            }
            ex.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(body);
            }
        });
        proxy.start();
    }

    @AfterEach
    void stop() {
        proxy.stop(0);
    }

    int run(String... args) {
        return Currents.run(new PrintWriter(out), new PrintWriter(err), args);
    }

    String proxyUrl() {
        return "http://127.0.0.1:" + proxy.getAddress().getPort();
    }

    @Test
    void printsTheExtractedMetadataAsJson() throws Exception {
        assertThat(run("meta", "--proxy", proxyUrl(), "http://news.test/story")).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("outcome").asText()).isEqualTo("ok");
        assertThat(json.get("httpStatus").asInt()).isEqualTo(200);
        assertThat(json.get("title").asText()).isEqualTo("A & B");
        assertThat(json.get("description").asText()).isEqualTo("What happened.");
        assertThat(json.get("image").asText()).isEqualTo("http://news.test/i.jpg");
        assertThat(json.get("language").asText()).isEqualTo("en");
        assertThat(json.get("archiveUrl").isNull()).isTrue();
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void printsWhatTheCorpusExpectsForARealPage() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(CORPUS));
        String url =
                "http://www.wsj.com/articles/funding-snapshot-software-development-platform-circleci-raises-18m-1463398202";
        assertThat(run("meta", "--proxy", proxyUrl(), url)).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("title").asText())
                .isEqualTo("Funding Snapshot: Software Development Platform CircleCI Raises $18M");
        assertThat(json.get("description").asText()).isEqualTo("Funding Snapshot:");
        assertThat(json.get("image").asText()).isEqualTo("http://si.wsj.net/img/WSJ_Logo_black_social.gif");
        assertThat(json.get("siteName").asText()).isEqualTo("Wall Street Journal");
    }

    @Test
    void printsTheOutcomeAndFailsForADeadLink() throws Exception {
        assertThat(run("meta", "--proxy", proxyUrl(), "http://news.test/gone")).isEqualTo(1);
        assertThat(new ObjectMapper().readTree(out.toString()).get("outcome").asText())
                .isEqualTo("http-404");
        assertThat(err.toString())
                .isEqualTo("currents: meta: http://news.test/gone: http-404" + System.lineSeparator());
    }

    @Test
    void refusesLoopbackUnlessAllowed() throws Exception {
        String local = proxyUrl() + "/story";
        assertThat(run("meta", local)).isEqualTo(1);
        assertThat(new ObjectMapper().readTree(out.toString()).get("outcome").asText())
                .isEqualTo("refused-private-address");
    }

    @Test
    void rejectsWhatIsNoUrl() {
        assertThat(run("meta", "not a url")).isEqualTo(Currents.USAGE);
        assertThat(err.toString()).isEqualTo("currents: not an http(s) URL: not a url" + System.lineSeparator());
    }

    /** Issue 12: the redirect is the site's doing, not a usage error of the URL given. */
    @Test
    void aRedirectToAFileUrlIsAFailedFetchNamingTheRedirect() throws Exception {
        assertThat(run("meta", "--proxy", proxyUrl(), "http://news.test/to-file"))
                .isEqualTo(1);
        assertThat(new ObjectMapper().readTree(out.toString()).get("outcome").asText())
                .isEqualTo("bad-url");
        assertThat(err.toString())
                .isEqualTo("currents: meta: http://news.test/to-file: bad-url (HTTP 302 redirected to a URL that is not"
                        + " http(s))"
                        + System.lineSeparator());
    }

    @Test
    void rejectsAProxyThatIsNoHttpUrl() {
        assertThat(run("meta", "--proxy", "socks://127.0.0.1:1", "http://news.test/story"))
                .isEqualTo(Currents.USAGE);
        assertThat(err.toString())
                .isEqualTo("currents: proxy must be http://host:port: socks://127.0.0.1:1" + System.lineSeparator());
    }
}
