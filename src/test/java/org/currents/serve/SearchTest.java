package org.currents.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.currents.store.ArchiveStore;
import org.currents.testing.Archives;
import org.currents.testing.HostileHistory;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Search over HTTP: old versions, filters, paging, hostile text in snippets, hostile queries. */
@org.junit.jupiter.api.TestInstance(org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS)
class SearchTest {
    @TempDir
    static Path dir;

    static WebServer sample;
    static WebServer hostile;
    static Http http;
    static Http bad;

    /** The archive named {@code name} in {@code dir}, as a {@code --db} value: a SQLite file here. */
    protected String archive(Path dir, String name) {
        return dir.resolve("archive.db").toString();
    }

    @BeforeAll
    void serve() {
        Path s = dir.resolve("sample");
        Path h = dir.resolve("hostile");
        try {
            java.nio.file.Files.createDirectories(s);
            java.nio.file.Files.createDirectories(h);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        String sampleDb = archive(s, "sample");
        String hostileDb = archive(h, "hostile");
        try (ArchiveStore store = org.currents.store.Stores.open(sampleDb)) {
            Archives.importFile(store, Archives.sample(s));
        }
        try (ArchiveStore store = org.currents.store.Stores.open(hostileDb)) {
            Archives.importFile(store, HostileHistory.export(h.resolve("hostile.xml")));
        }
        WebServer.Options o = new WebServer.Options().port(0).checkEvery(Duration.ofMillis(100));
        sample = WebServer.start(sampleDb, o, line -> {});
        hostile = WebServer.start(hostileDb, o, line -> {});
        http = new Http(sample.port());
        bad = new Http(hostile.port());
    }

    @AfterAll
    void stop() {
        for (WebServer w : new WebServer[] {sample, hostile}) {
            if (w != null) {
                w.close();
            }
        }
    }

    static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static List<JsonNode> results(Http on, String query) {
        List<JsonNode> out = new ArrayList<>();
        on.json("/api/search?q=" + query).path("results").forEach(out::add);
        return out;
    }

    @Test
    void findsAnEventByAWordOnlyAnOlderVersionHad() {
        // the sample's July 9 event on a "cyber security unit" was first written "cybersecurity"
        List<JsonNode> hits = results(http, "cybersecurity");
        assertThat(hits).isNotEmpty();
        JsonNode event = http.json("/api/events/" + hits.get(0).path("id").asText());
        assertThat(event.path("text").asText().toLowerCase(Locale.ROOT)).doesNotContain("cybersecurity");
        List<String> older = new ArrayList<>();
        event.path("versions").forEach(v -> older.add(v.path("text").asText().toLowerCase(Locale.ROOT)));
        assertThat(older.subList(0, older.size() - 1)).anyMatch(t -> t.contains("cybersecurity"));
        assertThat(hits.get(0).path("snippet").asText()).containsIgnoringCase("<mark>cybersecurity</mark>");
    }

    @Test
    void findsContextsOutletsPrefixesPhrasesAndWordsWithPunctuation() {
        assertThat(results(http, "Trump")).hasSizeGreaterThan(3);
        assertThat(results(http, "Tru*")).hasSameSizeAs(results(http, "Trump"));
        assertThat(results(http, q("\"Donald Trump Jr\""))).isNotEmpty();
        assertThat(results(http, "U.S.")).isNotEmpty();
        assertThat(results(http, "Garbine")).isNotEmpty(); // diacritics folded: Garbiñe
        assertThat(results(http, "BBC")).isNotEmpty(); // an outlet
        assertThat(results(http, q("NEAR(Trump Putin, 5)"))).isNotEmpty();
        assertThat(results(http, "zzzqqq")).isEmpty();
    }

    @Test
    void ranksByRelevanceThenByTheNewerDay() {
        List<JsonNode> hits = results(http, "Trump&limit=100");
        for (int k = 1; k < hits.size(); k++) {
            double a = hits.get(k - 1).path("score").asDouble();
            double b = hits.get(k).path("score").asDouble();
            assertThat(a).isLessThanOrEqualTo(b);
            if (a == b) {
                assertThat(hits.get(k - 1).path("day").asText())
                        .isGreaterThanOrEqualTo(hits.get(k).path("day").asText());
            }
        }
    }

    @Test
    void filtersByDayCategoryTopicDomainAndStatus() {
        List<JsonNode> all = results(http, "Trump&limit=100");
        List<JsonNode> later = results(http, "Trump&limit=100&from=2017-07-10&to=2017-07-31");
        assertThat(later).isNotEmpty().hasSizeLessThan(all.size());
        later.forEach(h -> assertThat(h.path("day").asText()).isBetween("2017-07-10", "2017-07-31"));

        String category = all.get(0).path("category").asText();
        List<JsonNode> inCategory = results(http, "Trump&limit=100&category=" + q(category));
        assertThat(inCategory).isNotEmpty();
        inCategory.forEach(h -> assertThat(h.path("category").asText()).isEqualTo(category));

        JsonNode first = http.json("/api/events/" + all.get(0).path("id").asText());
        String topic = first.path("contexts").get(0).path("key").asText();
        List<JsonNode> inTopic = results(http, "Trump&limit=100&topic=" + q(topic));
        assertThat(inTopic).isNotEmpty();
        for (JsonNode h : inTopic) {
            List<String> keys = new ArrayList<>();
            http.json("/api/events/" + h.path("id").asText())
                    .path("contexts")
                    .forEach(c -> keys.add(c.path("key").asText()));
            assertThat(keys).contains(topic);
        }

        // the topic as the site names it: its slug (/topics/<slug>.html) finds the same events
        String slug = null;
        for (String next = "/api/topics?limit=100"; next != null && slug == null; ) {
            JsonNode page = http.json(next);
            for (JsonNode t : page.path("topics")) {
                if (t.path("key").asText().equals(topic)) {
                    slug = t.path("slug").asText();
                }
            }
            next = page.path("next").isNull() ? null : page.path("next").asText();
        }
        assertThat(slug).isNotNull().isNotEqualTo(topic);
        assertThat(http.json("/api/topics/" + slug).path("key").asText()).isEqualTo(topic);
        assertThat(results(http, "Trump&limit=100&topic=" + q(slug)))
                .extracting(h -> h.path("id").asText())
                .containsExactlyElementsOf(
                        inTopic.stream().map(h -> h.path("id").asText()).toList());
        Document bySlug = Jsoup.parse(Http.text(http.get("/search?q=Trump&topic=" + q(slug))));
        assertThat(bySlug.select("ol.results li")).hasSize(Math.min(inTopic.size(), 20));

        List<JsonNode> bbc = results(http, "Trump&limit=100&domain=bbc.com");
        assertThat(bbc).isNotEmpty().hasSizeLessThan(all.size());
        for (JsonNode h : bbc) {
            List<String> urls = new ArrayList<>();
            http.json("/api/events/" + h.path("id").asText())
                    .path("sources")
                    .forEach(c -> urls.add(c.path("url").asText()));
            assertThat(urls).anyMatch(u -> u.startsWith("http://www.bbc.com/"));
        }

        results(http, "Trump&limit=100&status=current")
                .forEach(h -> assertThat(h.path("status").asText()).isEqualTo("current"));
        List<JsonNode> removed = results(bad, "event&status=removed");
        assertThat(removed).isNotEmpty();
        removed.forEach(h -> assertThat(h.path("status").asText()).isEqualTo("removed"));
    }

    @Test
    void anEventMovedToAnotherDayIsFoundOnceOnItsNewDayByEitherDaysWording() {
        // the hostile history moves an event from July 9 to July 10 and edits it there: its
        // versions on both pages belong to one event now (a merge), live where it is
        for (String word : List.of("moves", "edited")) {
            List<JsonNode> hits = results(bad, word + "&limit=100");
            assertThat(hits).as(word).hasSize(1);
            assertThat(hits.get(0).path("day").asText()).isEqualTo("2017-07-10");
        }
        assertThat(results(bad, "moves&limit=100&to=2017-07-09")).isEmpty();
        assertThat(results(bad, "moves&limit=100&from=2017-07-10&to=2017-07-10"))
                .hasSize(1);
    }

    @Test
    void pagesAreStableAndCoverEveryResultOnce() {
        List<String> whole = new ArrayList<>();
        results(http, "Trump&limit=100").forEach(h -> whole.add(h.path("id").asText()));
        List<String> paged = new ArrayList<>();
        String next = "/api/search?q=Trump&limit=2";
        while (next != null) {
            HttpResponse<byte[]> r = http.get(next);
            JsonNode body = Http.json(r);
            body.path("results").forEach(h -> paged.add(h.path("id").asText()));
            next = body.path("next").isNull() ? null : body.path("next").asText();
            assertThat(r.headers().firstValue("Link").isPresent()).isEqualTo(next != null);
        }
        assertThat(paged).isEqualTo(whole).doesNotHaveDuplicates();
    }

    @Test
    void snippetsEscapeHostileTextAndMarkOnlyTheMatches() {
        for (String word : List.of("script", "pwned", "img", "onerror", "javascript")) {
            List<JsonNode> hits = results(bad, word + "&limit=100");
            assertThat(hits).as(word).isNotEmpty();
            for (JsonNode h : hits) {
                String snippet = h.path("snippet").asText();
                String unmarked = snippet.replace("<mark>", "").replace("</mark>", "");
                assertThat(unmarked).as(snippet).doesNotContain("<").doesNotContain(">");
                assertThat(snippet).containsIgnoringCase("<mark>");
            }
        }
        HttpResponse<byte[]> page = bad.get("/search?q=script");
        assertThat(page.statusCode()).isEqualTo(200);
        Document doc = Jsoup.parse(Http.text(page));
        assertThat(doc.select("script, iframe, object, embed, svg, style")).isEmpty();
        for (Element e : doc.getAllElements()) {
            e.attributes().forEach(a -> assertThat(a.getKey()).doesNotStartWith("on"));
            assertThat(e.attr("href")).doesNotContainIgnoringCase("javascript:");
        }
        assertThat(doc.select("ol.results li")).isNotEmpty();
        assertThat(doc.select("ol.results mark")).isNotEmpty();
        // escaped, not stripped: the payload is there as text
        assertThat(doc.select("ol.results").text()).contains("<script>");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "\"",
                "NEAR(",
                "\"unterminated phrase",
                "AND",
                "OR OR",
                "(",
                ")",
                "Trump NOT",
                "NEAR(Trump",
                "Trump AND (Putin",
            })
    void answersAQueryTheEngineCannotReadWith400AndAMessage(String query) {
        HttpResponse<byte[]> r = http.get("/api/search?q=" + q(query));
        assertThat(r.statusCode()).as(Http.text(r)).isEqualTo(400);
        assertThat(Http.json(r).path("error").asText()).startsWith("cannot read the query");
        HttpResponse<byte[]> page = http.get("/search?q=" + q(query));
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(Jsoup.parse(Http.text(page)).select("p.error").text()).startsWith("cannot read the query");
        assertThat(Jsoup.parse(Http.text(page)).select("input[name=q]").attr("value"))
                .isEqualTo(query);
    }

    @Test
    void refusesATooLongQueryWithTheLimit() {
        HttpResponse<byte[]> r = http.get("/api/search?q=" + "a".repeat(5000));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(Http.json(r).path("error").asText()).contains("5000").contains("500");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "'; DROP TABLE events; --",
                "Robert'); DELETE FROM bullets; --",
                "*",
                "text:",
                "nosuchcolumn:Trump",
                "a\u0000b",
                "%00",
                "\\",
                "^Trump",
                "text:Trump",
                "-Trump",
                "+Trump",
                "Trump\u0001\u0002",
            })
    void answersOddButReadableQueriesWithoutHarm(String query) {
        HttpResponse<byte[]> r = http.get("/api/search?q=" + q(query));
        assertThat(r.statusCode()).as(Http.text(r)).isIn(200, 400);
        assertThat(Http.json(r).isObject()).isTrue();
        assertThat(http.json("/api/days/2017-07-09").path("events").size()).isPositive();
        assertThat(results(http, "Trump")).isNotEmpty();
    }
}
