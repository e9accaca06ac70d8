package org.currents.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.currents.publish.SiteBuilder;
import org.currents.serve.WebServer;
import org.currents.store.ArchiveStore;
import org.currents.store.Stores;
import org.currents.testing.Archives;
import org.currents.testing.BuiltSite;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server draws every page from per-page queries (issue 11), not from a plan of the whole
 * site: on a generated archive of thousands of events, with topics of several pages, a sample
 * of every kind of page it serves must be the static build's, byte for byte, at the same path.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServeLargeArchiveTest {
    private static final String[] CORPUS = {"--pages", "150", "--revisions", "5", "--events", "40", "--seed", "23"};
    private static final String BUILT_FOR = "http://127.0.0.1:1";

    @TempDir
    static Path dir;

    private Path site;
    private WebServer server;
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** The archive to serve, as a {@code --db} value: a SQLite file in {@code dir} here. */
    protected String archive(Path dir) {
        return dir.resolve("archive.db").toString();
    }

    @BeforeAll
    void buildAndServe() {
        String db = archive(dir);
        try (ArchiveStore store = Stores.open(db)) {
            Archives.importFile(store, GenCorpus.export(CORPUS));
            Archives.importFile(store, bigTopic(dir.resolve("big-topic.xml")));
            site = dir.resolve("site");
            SiteBuilder.of(store, site).baseUrl(BUILT_FOR).build(SiteBuilder.quiet());
        }
        server = WebServer.start(db, new WebServer.Options().port(0), line -> {});
    }

    /**
     * Three day pages of {@value #BIG} events each that all link one article, so that its topic
     * has pages 2 and 3 (200 events a page); the second revisions edit some events (pages of
     * several versions) and remove others.
     */
    private static Path bigTopic(Path file) {
        StringBuilder xml =
                new StringBuilder("<mediawiki xmlns=\"http://www.mediawiki.org/xml/export-0.11/\" version=\"0.11\">\n");
        for (int d = 1; d <= 3; d++) {
            xml.append("<page><title>Portal:Current events/2030 January ")
                    .append(d)
                    .append("</title><ns>100</ns><id>")
                    .append(990_000 + d)
                    .append("</id>\n");
            for (int rev = 1; rev <= 2; rev++) {
                StringBuilder text = new StringBuilder("{{Current events|year=2030|month=01|day=" + d + "|content=\n"
                        + "<!-- All news items below this line -->\n;Armed conflicts and attacks\n");
                for (int n = 1; n <= BIG; n++) {
                    if (rev == 2 && n % 9 == 0) {
                        continue; // removed by the second revision
                    }
                    String word = rev == 2 && n % 7 == 0 ? "edited" : "first";
                    text.append("*Report ")
                            .append(n)
                            .append(" of day ")
                            .append(d)
                            .append(" (")
                            .append(word)
                            .append(") on the [[Big Topic]] near [[Place ")
                            .append(n % 13)
                            .append("]]. [https://example.org/")
                            .append(d)
                            .append('/')
                            .append(n)
                            .append(" (Example News)]\n");
                }
                text.append("<!-- All news items above this line -->}}");
                xml.append("<revision><id>")
                        .append(990_000_000L + d * 10 + rev)
                        .append("</id><timestamp>2030-01-0")
                        .append(d)
                        .append("T1")
                        .append(rev)
                        .append(":00:00Z</timestamp><contributor><username>Ann")
                        .append("</username></contributor><text xml:space=\"preserve\">")
                        .append(text.toString()
                                .replace("&", "&amp;")
                                .replace("<", "&lt;")
                                .replace(">", "&gt;"))
                        .append("</text></revision>\n");
            }
            xml.append("</page>\n");
        }
        try {
            return Files.writeString(file, xml + "</mediawiki>\n");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static final int BIG = 90;

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private String get(String path) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return new String(r.body(), StandardCharsets.UTF_8).replace("http://127.0.0.1:" + server.port(), BUILT_FOR);
    }

    /** Every n-th of {@code files}, and the first and last, so that each kind of page is sampled. */
    private static List<String> sample(List<String> files, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            if (i % n == 0 || i == files.size() - 1) {
                out.add(files.get(i));
            }
        }
        return out;
    }

    @Test
    void servesASampleOfEveryKindOfPageAsTheBuildWroteIt() throws IOException, InterruptedException {
        List<String> html = BuiltSite.paths(site, ".html");
        Map<String, List<String>> kinds = new TreeMap<>();
        for (String p : html) {
            String kind;
            if (p.matches("/news/\\d+/\\d+/\\d+/index\\.html")) {
                kind = "day";
            } else if (p.matches("/news/\\d+/\\d+/\\d+/.*")) {
                kind = "event";
            } else if (p.matches("/topics/[^/]+/\\d+\\.html")) {
                kind = "topic page 2+";
            } else if (p.startsWith("/topics/")) {
                kind = "topic";
            } else {
                kind = "site"; // home, years, months, 404
            }
            kinds.computeIfAbsent(kind, k -> new ArrayList<>()).add(p);
        }
        assertThat(kinds).containsKeys("day", "event", "topic", "topic page 2+", "site");
        assertThat(kinds.get("event")).as("events").hasSizeGreaterThan(2500);
        List<String> pages = new ArrayList<>();
        pages.addAll(kinds.get("site"));
        pages.addAll(kinds.get("topic page 2+"));
        pages.addAll(sample(kinds.get("day"), 7));
        pages.addAll(sample(kinds.get("event"), 40));
        pages.addAll(sample(kinds.get("topic"), 25));
        pages.addAll(sample(BuiltSite.paths(site, ".md"), 50));
        pages.addAll(sample(BuiltSite.paths(site, ".atom"), 25));
        pages.add("/feeds/latest.atom");
        pages.add("/topics/big-topic.html");
        pages.add("/feeds/topics/big-topic.atom");
        pages.add("/sitemap.xml");
        pages.addAll(BuiltSite.paths(site, ".xml")); // every sitemap: the site's and each month's
        for (String p : pages) {
            assertThat(get(p)).as(p).isEqualTo(Files.readString(site.resolve(p.substring(1))));
        }
    }

    @Test
    void answersPathsTheSiteLacksWithNotFound() throws IOException, InterruptedException {
        for (String p : List.of(
                "/news/2017/7/9/index.html",
                "/news/1999/01/1/index.html",
                "/news/2017/13/index.html",
                "/topics/no-such-topic.html",
                "/topics/index/1.html",
                "/feeds/topics/no-such-topic.atom",
                "/sitemaps/9.xml",
                "/sitemaps/1999-01.xml",
                "/sitemaps/2030-1.xml",
                "/sitemaps/2030-01-part2.xml",
                "/sitemaps/site-part2.xml",
                "/.currents-build/state",
                "/%2ecurrents-build/state")) {
            HttpResponse<byte[]> r = client.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + p))
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(r.statusCode()).as(p).isEqualTo(404);
        }
    }
}
