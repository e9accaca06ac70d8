package org.currents.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.currents.model.Context;
import org.currents.model.Event;
import org.currents.model.EventStatus;
import org.currents.model.EventVersion;
import org.currents.model.Source;
import org.currents.model.SourceMeta;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.w3c.dom.NodeList;

/**
 * Untrusted text from Wikipedia and news sites, drawn by the HTML and Atom renderers: it comes
 * out as text, never as markup, handlers or script URLs. (The browser-level proof over a whole
 * built site is the Chromium test; this one needs no browser.)
 */
class HostileTextTest {
    static final LocalDate DAY = LocalDate.parse("2017-07-09");
    static final String SCRIPT = "<script>alert(1)</script>";
    static final String IMG = "<img src=x onerror=alert(2)>";
    static final String QUOTES = "\"'><svg onload=alert(3)>";
    static final String ENTITY = "&lt;b onmouseover=alert(4)&gt;bold&lt;/b&gt;";
    static final String CONTROL = "nul\u0000 bell\u0007 esc\u001b del\u007f end";
    static final Views.Site SITE = new Views.Site(SiteBuilder.DEFAULT_WIKI, "http://localhost:8080");

    static Event hostileEvent() {
        List<Source> sources = List.of(
                new Source("javascript:alert(5)", "<b>Outlet</b>" + SCRIPT),
                new Source("http://x.example/\"onmouseover=\"alert(6)", "Quote" + QUOTES),
                new Source(" JaVaScRiPt:alert(7)", IMG),
                new Source("data:text/html,<script>alert(8)</script>", "Data"),
                new Source("https://news.example/a?b=1&c=2", "Fine " + CONTROL));
        List<EventVersion> versions = List.of(
                new EventVersion(
                        1,
                        100,
                        Instant.parse("2017-07-09T10:00:00Z"),
                        "<i>Vandal</i>" + SCRIPT,
                        "summary " + IMG,
                        "First " + ENTITY + " " + SCRIPT,
                        sources),
                new EventVersion(
                        2,
                        101,
                        Instant.parse("2017-07-09T11:00:00Z"),
                        QUOTES,
                        "/* x */ " + QUOTES,
                        "Second " + IMG + " " + QUOTES + " " + CONTROL,
                        sources));
        return new Event(
                "00000000000000aa",
                DAY,
                List.of(DAY.minusDays(1)),
                "Cat " + SCRIPT,
                List.of("Story " + IMG, "Inner " + QUOTES),
                List.of(new Context("Key " + SCRIPT, "Title " + SCRIPT)),
                1,
                EventStatus.REMOVED,
                102,
                Instant.parse("2017-07-09T12:00:00Z"),
                false,
                versions);
    }

    static SourceMeta hostileMeta() {
        return SourceMeta.builder("javascript:alert(5)", "ok", Instant.parse("2017-07-10T00:00:00Z"))
                .httpStatus(200)
                .title("og:title " + SCRIPT + QUOTES)
                .description("og:description " + IMG + ENTITY)
                .image("javascript:alert(9)")
                .siteName("Site " + SCRIPT)
                .build();
    }

    /** No script, no handler, no element of ours that the input named, no script URL. */
    static void assertInert(Document doc) {
        assertThat(doc.select("script")).isEmpty();
        assertThat(doc.select("svg[onload], img[onerror], b, i")).isEmpty();
        for (Element e : doc.getAllElements()) {
            for (Attribute a : e.attributes()) {
                assertThat(a.getKey()).as(e.tagName()).doesNotStartWith("on");
                if (a.getKey().equals("href")
                        || a.getKey().equals("src")
                        || a.getKey().equals("content")) {
                    assertThat(a.getValue().strip().toLowerCase())
                            .as(e.tagName() + " " + a.getKey())
                            .doesNotStartWith("javascript:")
                            .doesNotStartWith("data:");
                }
            }
        }
        assertThat(doc.outerHtml())
                .doesNotContain("\u0000")
                .doesNotContain("\u0007")
                .doesNotContain("\u007f");
    }

    @Test
    void anEventPageShowsHostileTextAsText() {
        Event e = hostileEvent();
        for (int k = 0; k < 2; k++) {
            Views.EventPage page = new Views.EventPage(
                    e,
                    k,
                    List.of("news/2017/07/9/first", "news/2017/07/9/second"),
                    List.of(new Views.RelatedLink("Related " + SCRIPT, "news/2017/07/8/r", List.of("Ctx " + IMG))),
                    hostileMeta(),
                    Map.of("Key " + SCRIPT, "topics/title-script"));
            String html = new HtmlRenderer().eventPage(page, SITE);
            Document doc = Jsoup.parse(html);

            assertInert(doc);
            assertThat(doc.select("h1").text())
                    .isEqualTo(e.versions()
                            .get(k)
                            .text()
                            .replaceAll("[\\x00-\\x1f\\x7f]", "")
                            .replaceAll(" +", " "));
            assertThat(doc.select(".editor").eachText()).contains("<i>Vandal</i>" + SCRIPT);
            assertThat(doc.select(".summary").text()).contains("og:description " + IMG);
            assertThat(doc.select("img")).isEmpty(); // javascript: cover image is no image
            assertThat(doc.select("#sources + ol a").eachAttr("href"))
                    .containsExactly("https://news.example/a?b=1&c=2");
        }
        String second = new HtmlRenderer()
                .eventPage(new Views.EventPage(e, 1, List.of("news/a", "news/b"), List.of(), null, Map.of()), SITE);
        Document doc = Jsoup.parse(second);
        assertThat(doc.select(".diff del").text()).contains("First");
        assertThat(doc.select(".diff ins").text()).contains("Second");
        assertThat(doc.select(".removed a").attr("href")).isEqualTo(SiteBuilder.DEFAULT_WIKI + "?oldid=102");
    }

    @Test
    void aCoverImageIsLazyWithAltTextAndOnlyFromTheWeb() {
        SourceMeta m = hostileMeta();
        SourceMeta web = m.toBuilder()
                .image("https://img.example/a.jpg\" onerror=\"alert(1)")
                .siteName(null)
                .build();
        SourceMeta fine =
                m.toBuilder().image("https://img.example/a.jpg").siteName(null).build();
        Event e = hostileEvent();
        Document broken = Jsoup.parse(new HtmlRenderer()
                .eventPage(new Views.EventPage(e, 1, List.of("a", "b"), List.of(), web, Map.of()), SITE));
        assertThat(broken.select("img")).isEmpty();
        Document doc = Jsoup.parse(new HtmlRenderer()
                .eventPage(new Views.EventPage(e, 1, List.of("a", "b"), List.of(), fine, Map.of()), SITE));
        assertThat(doc.select("img").attr("src")).isEqualTo("https://img.example/a.jpg");
        assertThat(doc.select("img").attr("loading")).isEqualTo("lazy");
        assertThat(doc.select("img").attr("alt")).isEqualTo("og:title " + SCRIPT + QUOTES);
        assertThat(doc.select("meta[property=og:image]").attr("content")).isEqualTo("https://img.example/a.jpg");
        assertInert(doc);
    }

    @Test
    void aDayPageShowsHostileCategoriesStoriesAndTextsAsText() {
        Event e = hostileEvent();
        Event current = new Event(
                "00000000000000bb",
                DAY,
                List.of(),
                e.category(),
                e.stories(),
                e.contexts(),
                2,
                EventStatus.CURRENT,
                0,
                null,
                false,
                e.versions());
        Views.DayPage page = new Views.DayPage(
                DAY, null, null, List.of(current, e), Map.of(e.id(), "news/x", current.id(), "news/y"));
        Document doc = Jsoup.parse(new HtmlRenderer().dayPage(page, SITE));

        assertInert(doc);
        assertThat(doc.select("h2").eachText()).contains("Cat " + SCRIPT);
        assertThat(doc.select("h3").text()).isEqualTo("Story " + IMG + " › Inner " + QUOTES);
    }

    @Test
    void aFeedCarriesHostileTextAsXmlText() throws Exception {
        Views.EventItem item = new Views.EventItem(
                "00000000000000aa",
                DAY,
                "Text " + SCRIPT + QUOTES + ENTITY + CONTROL,
                "news/2017/07/9/x",
                Instant.parse("2017-07-09T11:00:00Z"),
                false);
        Views.Feed feed = new Views.Feed(
                AtomRenderer.TAG + "topic/x", "Topic " + SCRIPT, "feeds/topics/x.atom", "topics/x", List.of(item));
        String xml = new AtomRenderer().feed(feed, SITE);

        var doc = DocumentBuilderFactory.newDefaultNSInstance()
                .newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        NodeList titles = doc.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "title");
        assertThat(titles.item(0).getTextContent()).isEqualTo("Topic " + SCRIPT);
        assertThat(titles.item(1).getTextContent())
                .isEqualTo("Text " + SCRIPT + QUOTES + ENTITY + "nul bell esc del end");
        assertThat(doc.getElementsByTagName("script").getLength()).isZero();
        assertThat(xml).contains("<id>tag:currents-archive,2026:event/00000000000000aa</id>");
        assertThat(xml).contains("<updated>2017-07-09T11:00:00Z</updated>");
        assertThat(xml)
                .contains(
                        "<link rel=\"self\" type=\"application/atom+xml\" href=\"http://localhost:8080/feeds/topics/x.atom\"");
    }

    @Test
    void onlyAbsoluteWebUrlsAreLinks() {
        assertThat(WebLinks.safe("https://a.example/x")).isEqualTo("https://a.example/x");
        assertThat(WebLinks.safe(" HTTP://A.example ")).isEqualTo("HTTP://A.example");
        for (String bad : new String[] {
            "javascript:alert(1)",
            "JAVASCRIPT:alert(1)",
            "\u0000javascript:x",
            "data:text/html,x",
            "//a.example/x",
            "/news/x",
            "ftp://a.example",
            "http://",
            "https://a.example/\"x",
            "https://a.example/ x",
            "vbscript:x"
        }) {
            assertThat(WebLinks.safe(bad)).as(bad).isNull();
        }
        assertThat(WebLinks.domain("https://www.BBC.co.uk/news")).isEqualTo("bbc.co.uk");
    }
}
