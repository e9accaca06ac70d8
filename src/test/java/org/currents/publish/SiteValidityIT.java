package org.currents.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.currents.store.ArchiveStore;
import org.currents.store.Stores;
import org.currents.testing.AtomFeeds;
import org.currents.testing.AtomFeeds.Entry;
import org.currents.testing.AtomFeeds.Feed;
import org.currents.testing.BuiltSite;
import org.currents.testing.HostileHistory;
import org.currents.testing.HtmlChecker;
import org.currents.testing.Injections;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built demo site and the hostile site checked as a browser or feed reader would not: every
 * HTML page by the Nu HTML Checker (offline, one call over both sites), every Atom feed against
 * RFC 4287's RELAX NG schema with jing, and the feeds' ids, links, dates and entry counts.
 */
class SiteValidityIT {
    // RFC 3339 section 5.6 date-time: a time zone is required ("Z" or an offset).
    private static final Pattern RFC_3339 =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})");
    private static final Pattern TOPIC_COUNT =
            Pattern.compile("<a href=\"/topics/([^\"/]+)\\.html\">[^<]*</a> <span class=\"count\">(\\d+)</span>");

    private static final Pattern DAY_PATH = Pattern.compile("/news/(\\d{4})/(\\d{2})/(\\d{1,2})/[^/]+\\.html");

    @TempDir
    static Path dir;

    static Path demo;
    static Path hostile;

    @BeforeAll
    static void build() throws IOException {
        demo = BuiltSite.demo(Files.createDirectories(dir.resolve("demo")));
        hostile = HostileHistory.build(Files.createDirectories(dir.resolve("hostile")));
    }

    @Test
    void everyPageOfBothSitesPassesTheNuHtmlChecker() throws IOException {
        // A page with one known error, checked in the same call: proof that the checker ran and
        // reports what it finds, so that "no errors" below means something.
        Path canary = Files.createDirectories(dir.resolve("canary"));
        Files.writeString(
                canary.resolve("canary.html"),
                "<!DOCTYPE html><html lang=en><head><title>t</title></head><body><img src=x.png></body></html>");
        assertThat(BuiltSite.paths(demo, ".html")).hasSizeGreaterThan(30);
        assertThat(BuiltSite.paths(hostile, ".html")).hasSizeGreaterThan(20);
        List<String> errors = HtmlChecker.errors(demo, hostile, canary);
        assertThat(errors).anyMatch(e -> e.contains("canary.html") && e.contains("alt"));
        assertThat(errors.stream().filter(e -> !e.contains("canary.html")))
                .as("Nu HTML Checker errors in the built sites")
                .isEmpty();
    }

    @Test
    void everyPageHasLanguageTitleLandmarksOrderedHeadingsAndTheAttribution() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Path site : List.of(demo, hostile)) {
            for (String page : BuiltSite.paths(site, ".html")) {
                Document doc = Jsoup.parse(Files.readString(site.resolve(page.substring(1))));
                String at = (site == demo ? "demo" : "hostile") + page + ": ";
                if (doc.selectFirst("html[lang]") == null
                        || doc.selectFirst("html").attr("lang").isBlank()) {
                    problems.add(at + "no <html lang>");
                }
                if (doc.title().isBlank()) {
                    problems.add(at + "no title");
                }
                for (String landmark : List.of("header", "nav", "main", "footer")) {
                    if (doc.select(landmark).isEmpty()) {
                        problems.add(at + "no <" + landmark + ">");
                    }
                }
                if (doc.select("main").size() > 1) {
                    problems.add(at + "more than one <main>");
                }
                if (doc.select("h1").size() != 1) {
                    problems.add(at + doc.select("h1").size() + " h1 headings");
                }
                int level = 0;
                for (Element h : doc.select("h1, h2, h3, h4, h5, h6")) {
                    int next = h.normalName().charAt(1) - '0';
                    if (next > level + 1) {
                        problems.add(
                                at + "heading level skips from h" + level + " to " + h.normalName() + ": " + h.text());
                    }
                    level = next;
                }
                for (String og : List.of("og:title", "og:type", "og:url")) {
                    if (doc.select("meta[property=" + og + "][content]").isEmpty()) {
                        problems.add(at + "no " + og);
                    }
                }
                if (doc.select("head link[rel=alternate][type=application/atom+xml][href]")
                        .isEmpty()) {
                    problems.add(at + "no feed link in the head");
                }
                Element footer = doc.selectFirst("footer");
                if (footer == null
                        || !footer.text().contains("Wikipedia")
                        || footer.select("a[href*=creativecommons.org/licenses/by-sa/4.0]")
                                .isEmpty()
                        || footer.select("a[href*=action=history]").isEmpty()) {
                    problems.add(at + "no attribution footer (Wikipedia, CC BY-SA 4.0, page history)");
                }
                Matcher day = DAY_PATH.matcher(page);
                if (day.matches() && footer != null) {
                    String history = "Portal:Current_events/" + day.group(1) + "_"
                            + java.time.Month.of(Integer.parseInt(day.group(2)))
                                    .getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.ENGLISH)
                            + "_" + day.group(3);
                    if (footer.select("a[href*=action=history]").stream()
                            .noneMatch(a -> a.attr("href").contains(history))) {
                        problems.add(at + "the footer does not link to the history of " + history);
                    }
                }
                for (Element css : doc.select("link[rel=stylesheet]")) {
                    if (!css.attr("href").startsWith("/assets/")) {
                        problems.add(at + "a stylesheet from elsewhere: " + css.attr("href"));
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyLinkWithinTheSiteLeadsToAPage() throws IOException {
        // Links from the site root, and absolute links to the site's own base URL.
        List<String> broken = new ArrayList<>();
        for (Path site : List.of(demo, hostile)) {
            String base = baseUrl(site);
            for (String page : BuiltSite.paths(site, ".html")) {
                Document doc = Jsoup.parse(Files.readString(site.resolve(page.substring(1))));
                for (Element el : doc.select("a[href], link[href], img[src]")) {
                    String url = el.hasAttr("href") ? el.attr("href") : el.attr("src");
                    if (base != null && url.startsWith(base)) {
                        url = url.substring(base.length());
                    }
                    if (!url.startsWith("/") || url.startsWith("//")) {
                        continue;
                    }
                    String path = url.replaceAll("[?#].*", "");
                    Path target = site.resolve(java.net.URLDecoder.decode(path.substring(1), StandardCharsets.UTF_8));
                    if (Files.isDirectory(target)) {
                        target = target.resolve("index.html");
                    }
                    if (!Files.isRegularFile(target)) {
                        broken.add((site == demo ? "demo" : "hostile") + page + " → " + url);
                    }
                }
            }
            for (String loc : sitemap(site)) {
                if (base == null
                        || !loc.startsWith(base)
                        || !Files.isRegularFile(site.resolve(loc.substring(base.length() + 1)))) {
                    broken.add((site == demo ? "demo" : "hostile") + "/sitemap.xml → " + loc);
                }
            }
        }
        assertThat(broken).as("links to pages the build did not write").isEmpty();
    }

    /** The site's base URL as its feeds name it ({@code http://localhost:8080}), or null. */
    private static String baseUrl(Path site) {
        String self = AtomFeeds.read(site.resolve("feeds/latest.atom")).link("self");
        return self == null ? null : self.substring(0, self.length() - "/feeds/latest.atom".length());
    }

    private static List<String> sitemap(Path site) throws IOException {
        List<String> locs = new ArrayList<>();
        // sitemap.xml is an index of sitemaps (the site-wide pages', each month's): their addresses
        Matcher index = Pattern.compile("<loc>([^<]+)</loc>").matcher(Files.readString(site.resolve("sitemap.xml")));
        while (index.find()) {
            String part = index.group(1);
            assertThat(part).contains("/sitemaps/").endsWith(".xml");
            Matcher m = Pattern.compile("<loc>([^<]+)</loc>")
                    .matcher(Files.readString(site.resolve(part.substring(part.indexOf("/sitemaps/") + 1))));
            while (m.find()) {
                locs.add(m.group(1).replace("&amp;", "&"));
            }
        }
        assertThat(locs).as("the sitemap's URLs").isNotEmpty();
        return locs;
    }

    @Test
    void everyFeedIsValidAtom() {
        List<String> errors = new ArrayList<>();
        for (Path site : List.of(demo, hostile)) {
            List<String> feeds = BuiltSite.paths(site, ".atom");
            assertThat(feeds).contains("/feeds/latest.atom").hasSizeGreaterThan(3);
            for (String feed : feeds) {
                errors.addAll(AtomFeeds.schemaErrors(site.resolve(feed.substring(1))));
            }
        }
        assertThat(errors).as("RFC 4287 schema errors").isEmpty();
    }

    @Test
    void feedsHaveTagIdsSelfLinksRfc3339DatesAndAnAuthor() {
        List<String> problems = new ArrayList<>();
        Set<String> feedIds = new HashSet<>();
        for (Path site : List.of(demo, hostile)) {
            for (String path : BuiltSite.paths(site, ".atom")) {
                Feed feed = AtomFeeds.read(site.resolve(path.substring(1)));
                String at = (site == demo ? "demo" : "hostile") + path + ": ";
                if (!feed.id().startsWith("tag:")) {
                    problems.add(at + "feed id is not a tag: URI: " + feed.id());
                }
                if (site == demo && !feedIds.add(feed.id())) {
                    problems.add(at + "feed id shared with another feed: " + feed.id());
                }
                if (feed.link("self") == null || !feed.link("self").endsWith(path)) {
                    problems.add(at + "rel=self is not the feed's own URL: " + feed.link("self"));
                }
                if (feed.link("alternate") == null) {
                    problems.add(at + "no rel=alternate link");
                }
                if (feed.authors().isEmpty() || feed.authors().contains("")) {
                    problems.add(at + "no feed author");
                }
                checkDate(at + "feed updated", feed.updated(), problems);
                Set<String> ids = new HashSet<>();
                String newest = null;
                for (Entry e : feed.entries()) {
                    if (e.id() == null || !e.id().startsWith("tag:") || !ids.add(e.id())) {
                        problems.add(at + "entry id missing, not a tag: URI or repeated: " + e.id());
                    }
                    if (e.links().stream().noneMatch(l -> l.rel().equals("alternate"))) {
                        problems.add(at + "entry without rel=alternate: " + e.id());
                    }
                    checkDate(at + "entry updated " + e.id(), e.updated(), problems);
                    if (newest == null || (e.updated() != null && e.updated().compareTo(newest) > 0)) {
                        newest = e.updated();
                    }
                }
                if (newest != null && !feed.updated().equals(newest)) {
                    problems.add(at + "feed updated " + feed.updated() + " is not its newest entry's " + newest);
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    private static void checkDate(String what, String value, List<String> problems) {
        if (value == null || !RFC_3339.matcher(value).matches()) {
            problems.add(what + " is not an RFC 3339 date-time: " + value);
            return;
        }
        OffsetDateTime.parse(value); // a real date: no 2017-02-30
    }

    @Test
    void feedsHoldTheNewestHundredEventsOfTheirScope() throws IOException {
        int events;
        try (ArchiveStore store = Stores.open(dir.resolve("demo/demo.db").toString())) {
            events = store.eventSummaries().size();
        }
        assertThat(AtomFeeds.read(demo.resolve("feeds/latest.atom")).entries()).hasSize(Math.min(100, events));
        // Each topic feed has as many entries as the topic index counts events (at most 100).
        Map<String, Integer> counts = new LinkedHashMap<>();
        Matcher m = TOPIC_COUNT.matcher(Files.readString(demo.resolve("topics/index.html")));
        while (m.find()) {
            counts.put(m.group(1), Integer.parseInt(m.group(2)));
        }
        assertThat(counts).hasSizeGreaterThan(10);
        Map<String, Integer> entries = new LinkedHashMap<>();
        Map<String, Integer> expected = new LinkedHashMap<>();
        counts.forEach((slug, n) -> {
            expected.put(slug, Math.min(100, n));
            entries.put(
                    slug,
                    AtomFeeds.read(demo.resolve("feeds/topics/" + slug + ".atom"))
                            .entries()
                            .size());
        });
        assertThat(entries).isEqualTo(expected);
    }

    @Test
    void hostileFeedsCarryTextNotMarkup() {
        // Feed readers show type="html" text as HTML: it must hold no injection either.
        List<String> found = new ArrayList<>();
        for (String path : BuiltSite.paths(hostile, ".atom")) {
            String xml = readString(hostile.resolve(path.substring(1)));
            for (String html : htmlTexts(xml)) {
                Injections.found(Jsoup.parse(html)).forEach(f -> found.add(path + ": " + f));
            }
            if (xml.contains("http://www.w3.org/1999/xhtml")) {
                Injections.found(Jsoup.parse(xml, "", org.jsoup.parser.Parser.xmlParser()))
                        .forEach(f -> found.add(path + " (xhtml): " + f));
            }
        }
        assertThat(found).isEmpty();
        assertThat(readString(hostile.resolve("feeds/latest.atom")))
                .contains("&lt;script&gt;window.__pwned='raw-script-2'&lt;/script&gt;");
    }

    private static List<String> htmlTexts(String xml) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("<(title|summary|content|subtitle|rights)[^>]*type=\"html\"[^>]*>([^<]*)<")
                .matcher(xml);
        while (m.find()) {
            out.add(Jsoup.parse(m.group(2)).text()); // the XML-unescaped text, which a reader parses as HTML
        }
        return out;
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void feedIdsAreTheSameAcrossBuildsStoresAndARebuild() throws IOException {
        Path other = Files.createDirectories(dir.resolve("demo-again"));
        Path again = BuiltSite.demo(other);
        Map<String, List<String>> first = ids(demo);
        assertThat(first).containsKey("/feeds/latest.atom");
        assertThat(ids(again))
                .as("a second store and build of the same history")
                .isEqualTo(first);
        String db = other.resolve("demo.db").toString();
        HostileHistory.run("rebuild", "--db", db);
        HostileHistory.run("build", "--db", db, "--out", again.toString());
        assertThat(ids(again)).as("after rebuild, incremental build").isEqualTo(first);
        Path fresh = other.resolve("fresh");
        HostileHistory.run("build", "--db", db, "--out", fresh.toString());
        assertThat(ids(fresh)).as("after rebuild, full build").isEqualTo(first);
    }

    /** Every feed's id and entry ids, by feed path. */
    private static Map<String, List<String>> ids(Path site) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String path : BuiltSite.paths(site, ".atom")) {
            Feed feed = AtomFeeds.read(site.resolve(path.substring(1)));
            List<String> ids = new ArrayList<>();
            ids.add(feed.id());
            feed.entries().forEach(e -> ids.add(e.id()));
            out.put(path, ids);
        }
        return out;
    }
}
