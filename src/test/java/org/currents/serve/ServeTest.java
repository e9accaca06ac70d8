package org.currents.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.currents.model.SourceMeta;
import org.currents.publish.SiteBuilder;
import org.currents.store.ArchiveStore;
import org.currents.testing.Archives;
import org.currents.testing.BuiltSite;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The server's routes over real HTTP on 127.0.0.1, on the shipped sample. */
@org.junit.jupiter.api.TestInstance(org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS)
class ServeTest {
    static final String BBC = "http://www.bbc.com/news/world-us-canada-40552571";

    @TempDir
    static Path dir;

    static WebServer server;
    static Http http;
    static Path site;
    static String db;

    /** The archive to serve, as a {@code --db} value: a SQLite file in {@code dir} here. */
    protected String archive(Path dir) {
        return dir.resolve("archive.db").toString();
    }

    @BeforeAll
    void serveTheSample() {
        db = archive(dir);
        try (ArchiveStore store = org.currents.store.Stores.open(db)) {
            Archives.importFile(store, Archives.sample(dir));
            store.saveSourceMeta(SourceMeta.builder(BBC, "ok", Instant.parse("2017-07-10T00:00:00Z"))
                    .finalUrl(BBC)
                    .httpStatus(200)
                    .title("A title <b>")
                    .description("A summary & more")
                    .image("https://ichef.bbci.co.uk/cover.jpg")
                    .siteName("BBC")
                    .language("en")
                    .build());
            site = dir.resolve("site");
            SiteBuilder.of(store, site).baseUrl("http://127.0.0.1:1").build(SiteBuilder.quiet());
        }
        server = WebServer.start(db, new WebServer.Options().port(0).checkEvery(Duration.ofMillis(100)), line -> {});
        http = new Http(server.port());
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    static void assertSecurityHeaders(HttpResponse<?> r) {
        assertThat(r.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("default-src 'self'")
                .contains("frame-ancestors 'none'");
        assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(r.headers().firstValue("Referrer-Policy")).isPresent();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "/                                   | 200 | text/html",
                "/index.html                         | 200 | text/html",
                "/news/2017/07/9/index.html          | 200 | text/html",
                "/news/2017/07/9/index.md            | 200 | text/markdown",
                "/news/2017/07/9/                    | 200 | text/html",
                "/topics/index.html                  | 200 | text/html",
                "/feeds/latest.atom                  | 200 | application/atom+xml",
                "/sitemap.xml                        | 200 | application/xml",
                "/sitemaps/site.xml                  | 200 | application/xml",
                "/sitemaps/2017-07.xml               | 200 | application/xml",
                "/sitemaps/2017-06.xml               | 404 | text/html",
                "/sitemaps/2017-7.xml                | 404 | text/html",
                "/sitemaps/2017-07-part2.xml         | 404 | text/html",
                "/sitemaps/1.xml                     | 404 | text/html",
                "/sitemaps/nonsense.xml              | 404 | text/html",
                "/robots.txt                         | 200 | text/plain",
                "/assets/style.css                   | 200 | text/css",
                "/search                             | 200 | text/html",
                "/search?q=Trump                     | 200 | text/html",
                "/search?q=%22                       | 400 | text/html",
                "/healthz                            | 200 | application/json",
                "/api/days/2017-07-09                | 200 | application/json",
                "/api/days/2017-01-01                | 404 | application/json",
                "/api/days/2017-02-30                | 400 | application/json",
                "/api/days/yesterday                 | 400 | application/json",
                "/api/events/0000000000000000        | 404 | application/json",
                "/api/events/nothex                  | 404 | application/json",
                "/api/topics                         | 200 | application/json",
                "/api/topics/no-such-topic           | 404 | application/json",
                "/api/sources?domain=bbc.com         | 200 | application/json",
                "/api/sources                        | 400 | application/json",
                "/api/search?q=Trump                 | 200 | application/json",
                "/api/search                         | 400 | application/json",
                "/api/search?q=Trump&limit=0         | 400 | application/json",
                "/api/search?q=Trump&cursor=!!       | 400 | application/json",
                "/api/search?q=Trump&from=2017-13-01 | 400 | application/json",
                "/api/search?q=Trump&status=gone     | 400 | application/json",
                "/api/nothing                        | 404 | application/json",
                "/api/openapi.json                   | 200 | application/json",
                "/news/2017/07/9/no-such-event.html  | 404 | text/html",
                "/news/../../../etc/passwd           | 400 | text/plain",
                "/news/2017/07/9/index.html%00       | 400 | text/plain",
                "/.currents-build                    | 404 | text/html",
                "/.currents-build/state              | 404 | text/html",
                "/.currents-build/pages/site         | 404 | text/html",
                "/.currents-build/journal            | 404 | text/html",
                "/%2ecurrents-build/state            | 404 | text/html",
                "/%2Ecurrents-build/state            | 404 | text/html",
                "/news/%2ecurrents-build/x.html      | 404 | text/html",
                "/.git/config                        | 404 | text/html",
                "/news/2017/07/9/.index.html         | 404 | text/html",
            })
    void answersEveryRouteWithItsStatusTypeAndSecurityHeaders(String path, int status, String type) {
        HttpResponse<byte[]> r = http.get(path);
        assertThat(r.statusCode()).as(path + ": " + Http.text(r)).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith(type);
        assertSecurityHeaders(r);
        if (type.equals("application/json") && status != 200) {
            assertThat(Http.json(r).path("error").asText()).isNotBlank();
            assertThat(Http.json(r).path("status").asInt()).isEqualTo(status);
        }
        if (path.startsWith("/api/")) {
            assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        }
    }

    @Test
    void servesEveryPageOfTheBuiltSiteAtItsPathWithTheSameContent() throws IOException {
        List<String> pages = new ArrayList<>();
        pages.addAll(BuiltSite.paths(site, ".html"));
        pages.addAll(BuiltSite.paths(site, ".md"));
        pages.addAll(BuiltSite.paths(site, ".atom"));
        assertThat(pages).hasSizeGreaterThan(50);
        for (String p : pages) {
            HttpResponse<byte[]> r = http.get(p);
            assertThat(r.statusCode()).as(p).isEqualTo(200);
            String built = Files.readString(site.resolve(p.substring(1)));
            // the same page but for the absolute URLs of the server (canonical, og:url, feeds)
            String served = Http.text(r).replace("http://127.0.0.1:" + server.port(), "http://127.0.0.1:1");
            assertThat(served).as(p).isEqualTo(built);
        }
    }

    @Test
    void refusesMethodsThatWouldWrite() {
        for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(http.uri("/api/days/2017-07-09"))
                    .method(method, HttpRequest.BodyPublishers.ofString("{}")));
            assertThat(r.statusCode()).as(method).isEqualTo(405);
            assertThat(Http.json(r).path("error").asText()).contains(method);
            assertThat(r.headers().firstValue("Allow").orElseThrow()).contains("GET");
            assertSecurityHeaders(r);
        }
        HttpResponse<byte[]> page =
                http.send(HttpRequest.newBuilder(http.uri("/index.html")).POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(page.statusCode()).isEqualTo(405);
    }

    @Test
    void answersCorsPreflightsOfTheApi() {
        HttpResponse<byte[]> r = http.send(
                HttpRequest.newBuilder(http.uri("/api/search?q=x"))
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody()),
                "Origin",
                "https://example.org",
                "Access-Control-Request-Method",
                "GET");
        assertThat(r.statusCode()).isEqualTo(204);
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(r.headers().firstValue("Access-Control-Allow-Methods").orElseThrow())
                .contains("GET");
    }

    @Test
    void answersConditionalRequestsWith304() {
        HttpResponse<byte[]> first = http.get("/news/2017/07/9/index.html");
        String etag = first.headers().firstValue("ETag").orElseThrow();
        String modified = first.headers().firstValue("Last-Modified").orElseThrow();
        assertThat(first.headers().firstValue("Cache-Control").orElseThrow()).contains("must-revalidate");
        HttpResponse<byte[]> again = http.get("/news/2017/07/9/index.html", "If-None-Match", etag);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(again.headers().firstValue("ETag")).hasValue(etag);
        assertSecurityHeaders(again);
        assertThat(http.get("/news/2017/07/9/index.html", "If-Modified-Since", modified)
                        .statusCode())
                .isEqualTo(304);
        assertThat(http.get("/news/2017/07/9/index.html", "If-None-Match", "\"other\"")
                        .statusCode())
                .isEqualTo(200);
        assertThat(http.get("/news/2017/07/9/index.html", "If-Modified-Since", "Mon, 01 Jan 2001 00:00:00 GMT")
                        .statusCode())
                .isEqualTo(200);
        String apiTag =
                http.get("/api/days/2017-07-09").headers().firstValue("ETag").orElseThrow();
        assertThat(http.get("/api/days/2017-07-09", "If-None-Match", apiTag).statusCode())
                .isEqualTo(304);
    }

    @Test
    void gzipsForClientsThatTakeIt() throws IOException {
        HttpResponse<byte[]> plain = http.get("/news/2017/07/9/index.html");
        HttpResponse<byte[]> zipped = http.get("/news/2017/07/9/index.html", "Accept-Encoding", "gzip, deflate");
        assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(zipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(zipped.headers().firstValue("Vary").orElseThrow()).contains("Accept-Encoding");
        assertThat(zipped.body().length).isLessThan(plain.body().length / 2);
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(zipped.body()))) {
            assertThat(in.readAllBytes()).isEqualTo(plain.body());
        }
        // the two forms are different representations: different tags, both revalidate
        String zTag = zipped.headers().firstValue("ETag").orElseThrow();
        assertThat(zTag).isNotEqualTo(plain.headers().firstValue("ETag").orElseThrow());
        assertThat(http.get("/news/2017/07/9/index.html", "Accept-Encoding", "gzip", "If-None-Match", zTag)
                        .statusCode())
                .isEqualTo(304);
        assertThat(http.get("/news/2017/07/9/index.html", "Accept-Encoding", "gzip;q=0")
                        .headers()
                        .firstValue("Content-Encoding"))
                .isEmpty();
    }

    @Test
    void dayListsItsEventsInPageOrder() {
        JsonNode day = http.json("/api/days/2017-07-09");
        assertThat(day.path("day").asText()).isEqualTo("2017-07-09");
        assertThat(day.path("events").size()).isGreaterThan(3);
        JsonNode first = day.path("events").get(0);
        for (String f : List.of("id", "text", "category", "stories", "position", "status", "versions")) {
            assertThat(first.has(f)).as(f).isTrue();
        }
        assertThat(first.path("id").asText()).matches("[0-9a-f]{16}");
        int last = 0;
        for (JsonNode e : day.path("events")) {
            if (e.path("status").asText().equals("current")) {
                assertThat(e.path("position").asInt()).isGreaterThan(last);
                last = e.path("position").asInt();
            }
        }
    }

    @Test
    void eventHasItsVersionsContextsRelatedAndSourceMetadata() {
        String id = eventCiting(BBC);
        JsonNode e = http.json("/api/events/" + id);
        assertThat(e.path("id").asText()).isEqualTo(id);
        assertThat(e.path("versions").size()).isGreaterThanOrEqualTo(2);
        JsonNode v = e.path("versions").get(0);
        for (String f : List.of("number", "revision", "timestamp", "editor", "comment", "text", "sources")) {
            assertThat(v.has(f)).as(f).isTrue();
        }
        assertThat(v.path("number").asInt()).isEqualTo(1);
        assertThat(e.path("contexts").size()).isPositive();
        assertThat(e.path("related").isArray()).isTrue();
        JsonNode source = e.path("sources").get(0);
        assertThat(source.path("url").asText()).isEqualTo(BBC);
        assertThat(source.path("title").asText()).isEqualTo("A title <b>");
        assertThat(source.path("description").asText()).isEqualTo("A summary & more");
        assertThat(source.path("image").asText()).isEqualTo("https://ichef.bbci.co.uk/cover.jpg");
        assertThat(http.get(e.path("page").asText()).statusCode()).isEqualTo(200);
    }

    static String eventCiting(String url) {
        JsonNode sources = http.json("/api/sources?domain=bbc.com&limit=100").path("sources");
        for (JsonNode s : sources) {
            if (s.path("url").asText().equals(url)) {
                return s.path("events").get(0).asText();
            }
        }
        throw new AssertionError("no event cites " + url + ": " + sources);
    }

    @Test
    void sourcesOfADomainComeThroughTheIndexWithTheirMetadata() {
        JsonNode r = http.json("/api/sources?domain=www.BBC.com");
        assertThat(r.path("domain").asText()).isEqualTo("bbc.com");
        assertThat(r.path("sources").size()).isGreaterThanOrEqualTo(3);
        for (JsonNode s : r.path("sources")) {
            assertThat(s.path("url").asText()).startsWith("http://www.bbc.com/");
            assertThat(s.path("events").size()).isPositive();
        }
        assertThat(http.json("/api/sources?domain=nowhere.example")
                        .path("sources")
                        .size())
                .isZero();
    }

    @Test
    void pagesThroughTopicsWithLinkHeaders() {
        List<String> seen = new ArrayList<>();
        String next = "/api/topics?limit=3";
        int pages = 0;
        while (next != null) {
            HttpResponse<byte[]> r = http.get(next);
            assertThat(r.statusCode()).isEqualTo(200);
            JsonNode body = Http.json(r);
            for (JsonNode t : body.path("topics")) {
                seen.add(t.path("key").asText());
            }
            next = body.path("next").isNull() ? null : body.path("next").asText();
            if (next != null) {
                assertThat(r.headers().firstValue("Link")).hasValue("<" + next + ">; rel=\"next\"");
            } else {
                assertThat(r.headers().firstValue("Link")).isEmpty();
            }
            pages++;
        }
        assertThat(pages).isGreaterThan(1);
        assertThat(seen).doesNotHaveDuplicates();
        List<String> all = new ArrayList<>();
        http.json("/api/topics?limit=100")
                .path("topics")
                .forEach(t -> all.add(t.path("key").asText()));
        assertThat(seen).isEqualTo(all);
        JsonNode first = http.json("/api/topics?limit=1").path("topics").get(0);
        JsonNode topic = http.json("/api/topics/" + first.path("slug").asText());
        assertThat(topic.path("key").asText()).isEqualTo(first.path("key").asText());
        assertThat(topic.path("events").size())
                .isEqualTo(Math.min(20, first.path("events").asInt()));
        assertThat(http.get(first.path("page").asText()).statusCode()).isEqualTo(200);
    }

    @Test
    void openApiListsEveryRouteAndDescribesWhatEachReturns() {
        JsonNode doc = http.json("/api/openapi.json");
        assertThat(doc.path("openapi").asText()).isEqualTo("3.1.0");
        List<String> paths = new ArrayList<>();
        doc.path("paths").fieldNames().forEachRemaining(paths::add);
        assertThat(paths)
                .containsExactlyInAnyOrder(
                        "/healthz",
                        "/api/days/{day}",
                        "/api/events/{id}",
                        "/api/topics",
                        "/api/topics/{slug}",
                        "/api/sources",
                        "/api/search",
                        "/api/openapi.json");
        String id = eventCiting(BBC);
        String slug = http.json("/api/topics?limit=1")
                .path("topics")
                .get(0)
                .path("slug")
                .asText();
        Map<String, String> examples = Map.of(
                "/healthz", "/healthz",
                "/api/days/{day}", "/api/days/2017-07-09",
                "/api/events/{id}", "/api/events/" + id,
                "/api/topics", "/api/topics?limit=2",
                "/api/topics/{slug}", "/api/topics/" + slug,
                "/api/sources", "/api/sources?domain=bbc.com&limit=1",
                "/api/search", "/api/search?q=Trump&limit=2",
                "/api/openapi.json", "/api/openapi.json");
        for (String p : paths) {
            HttpResponse<byte[]> r = http.get(examples.get(p));
            JsonNode op = doc.path("paths").path(p).path("get");
            JsonNode schema = op.path("responses")
                    .path("200")
                    .path("content")
                    .path("application/json")
                    .path("schema");
            assertThat(r.statusCode()).as(p).isEqualTo(200);
            Schemas.check(doc, schema, Http.json(r), p);
            JsonNode errors = op.path("responses");
            for (Iterator<String> codes = errors.fieldNames(); codes.hasNext(); ) {
                String code = codes.next();
                if (!code.equals("200")) {
                    assertThat(errors.path(code)
                                    .path("content")
                                    .path("application/json")
                                    .path("schema")
                                    .path("$ref")
                                    .asText())
                            .isEqualTo("#/components/schemas/Error");
                }
            }
        }
        // the search's parameters are the ones the route reads; topic is a slug, as the site's
        List<String> searchParams = new ArrayList<>();
        doc.path("paths")
                .path("/api/search")
                .path("get")
                .path("parameters")
                .forEach(q -> searchParams.add(q.path("name").asText()));
        assertThat(searchParams)
                .containsExactlyInAnyOrder(
                        "q", "from", "to", "category", "topic", "domain", "status", "cursor", "limit");
        doc.path("paths").path("/api/search").path("get").path("parameters").forEach(q -> {
            if (q.path("name").asText().equals("topic")) {
                assertThat(q.path("description").asText()).contains("slug").contains("/topics/{slug}.html");
            }
        });
        HttpResponse<byte[]> bySlug = http.get("/api/search?q=Trump&limit=100&topic=" + slug);
        assertThat(bySlug.statusCode()).isEqualTo(200);
        Schemas.check(
                doc,
                doc.path("paths")
                        .path("/api/search")
                        .path("get")
                        .path("responses")
                        .path("200")
                        .path("content")
                        .path("application/json")
                        .path("schema"),
                Http.json(bySlug),
                "/api/search?topic=");
        Schemas.check(
                doc,
                doc.path("components").path("schemas").path("Error"),
                Http.json(http.get("/api/days/2017-02-30")),
                "error");
    }
}
