package org.currents.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.currents.testing.ExportBuilder.day;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.currents.model.Context;
import org.currents.model.Event;
import org.currents.model.EventStatus;
import org.currents.model.EventVersion;
import org.currents.model.Source;
import org.currents.relate.Relations;
import org.currents.store.ArchiveStore;
import org.currents.store.EventSummary;
import org.currents.testing.Archives;
import org.currents.testing.ExportBuilder;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Input at the edges: huge texts, huge topics, huge days, versions that differ only in spacing. */
class BadInputTest {
    static final LocalDate DAY = LocalDate.parse("2017-07-09");
    static final Views.Site SITE = new Views.Site(SiteBuilder.DEFAULT_WIKI, "http://localhost:8080");

    @TempDir
    Path dir;

    static Event event(
            String id, LocalDate day, int position, String category, List<Context> contexts, String... texts) {
        List<EventVersion> versions = new ArrayList<>();
        for (int k = 0; k < texts.length; k++) {
            versions.add(new EventVersion(
                    k + 1,
                    100 + k,
                    day.atStartOfDay().toInstant(java.time.ZoneOffset.UTC).plusSeconds(60L * k + position),
                    "ed",
                    "",
                    texts[k],
                    List.of(new Source("https://a.example/" + id, "A"))));
        }
        return new Event(
                id,
                day,
                List.of(),
                category,
                List.of(),
                contexts,
                position,
                EventStatus.CURRENT,
                0,
                null,
                false,
                versions);
    }

    @Test
    void aTenThousandCharacterTextGetsAShortSlugAndWholePages() throws Exception {
        String text = ("A very long event text with words " + "and more words ")
                .repeat(300)
                .substring(0, 10_000);
        Path site = dir.resolve("site");
        try (ArchiveStore store = Archives.open(dir)) {
            Archives.importFile(
                    store,
                    new ExportBuilder()
                            .page("Portal:Current events/2017 July 9")
                            .revision(
                                    1,
                                    "2017-07-09T10:00:00Z",
                                    "Ann",
                                    "new",
                                    day("*" + text + " [http://a.example/1 (A News)]"))
                            .write(dir.resolve("1.xml")));
            BuildSummary s = SiteBuilder.of(store, site).build(SiteBuilder.quiet());
            assertThat(s.failed()).isZero();
        }
        List<Path> html;
        try (var files = Files.list(site.resolve("news/2017/07/9"))) {
            html = files.filter(p -> p.toString().endsWith(".html") && !p.endsWith("index.html"))
                    .toList();
        }
        assertThat(html).hasSize(1);
        assertThat(html.get(0).getFileName().toString().length()).isLessThanOrEqualTo(Slugs.LENGTH + ".html".length());
        Document doc = Jsoup.parse(Files.readString(html.get(0)));
        assertThat(doc.select("h1").text()).isEqualTo(text.strip());
    }

    @Test
    void versionsThatDifferOnlyInSpacingShowNoWordChanges() {
        Event e = event("e", DAY, 1, "", List.of(), "A storm  hits Freedonia.", "A storm hits  Freedonia. ");
        String html = new HtmlRenderer()
                .eventPage(new Views.EventPage(e, 1, List.of("news/a", "news/b"), List.of(), null, Map.of()), SITE);
        Document doc = Jsoup.parse(html);

        assertThat(doc.select("del, ins")).isEmpty();
        assertThat(doc.select("#changes + p").text()).contains("did not change");
    }

    @Test
    void aDayOfTwoThousandEventsListsThemAllInEveryFormat() {
        List<Event> events = new ArrayList<>();
        Map<String, String> paths = new HashMap<>();
        for (int i = 1; i <= 2000; i++) {
            Event e = event(
                    String.format("%016x", i),
                    DAY,
                    i,
                    i <= 1000 ? "Politics" : "Sports",
                    List.of(),
                    "The same headline again");
            events.add(e);
        }
        PageAssignment a = PageAssignment.of(events);
        events.forEach(e -> paths.put(e.id(), a.current(e.id())));
        assertThat(new java.util.HashSet<>(paths.values())).hasSize(2000);
        Views.DayPage page = new Views.DayPage(DAY, null, null, events, paths);

        Document doc = Jsoup.parse(new HtmlRenderer().dayPage(page, SITE));
        assertThat(doc.select("ul.events a")).hasSize(2000);
        assertThat(doc.select("h2").eachText()).containsExactly("Politics", "Sports");
        String md = new MarkdownRenderer().dayPage(page, SITE);
        assertThat(md.lines().filter(l -> l.startsWith("1. ["))).hasSize(2000);
    }

    @Test
    void aTopicOfFiftyThousandEventsIsPaginatedAndEachPageStaysSmall() {
        Context freedonia = new Context("Freedonia", "Freedonia");
        List<EventSummary> summaries = new ArrayList<>();
        Map<LocalDate, List<Event>> byDay = new LinkedHashMap<>();
        LocalDate first = LocalDate.parse("2000-01-01");
        for (int i = 0; i < 50_000; i++) {
            LocalDate d = first.plusDays(i / 20);
            String id = String.format("%016x", i);
            Event e = event(id, d, i % 20 + 1, "", List.of(freedonia), "Event number " + i + " in Freedonia");
            byDay.computeIfAbsent(d, k -> new ArrayList<>()).add(e);
            summaries.add(
                    new EventSummary(id, d, e.position(), EventStatus.CURRENT, false, e.text(), List.of(freedonia)));
        }
        Relations relations = Relations.of(summaries);
        BuildState state = new BuildState();
        PagePlan plan = PagePlan.of(relations, new BuildState(), null, byDay::get, p -> false, state, null);
        Map<String, Integer> sizes = new LinkedHashMap<>();
        new SitePages(SiteSource.of(relations), plan, SITE, (ext, path, draw) -> {
                    String s = draw.get();
                    if (s != null) {
                        sizes.put(path + "." + ext, s.length());
                    }
                    return true;
                })
                .render();

        int pages = 50_000 / SitePages.TOPIC_PAGE;
        assertThat(sizes).containsKey("topics/freedonia.html").containsKey("topics/freedonia/" + pages + ".html");
        assertThat(sizes).doesNotContainKey("topics/freedonia/" + (pages + 1) + ".html");
        for (int p = 1; p <= pages; p++) {
            String path = p == 1 ? "topics/freedonia.html" : "topics/freedonia/" + p + ".html";
            assertThat(sizes.get(path)).as(path).isLessThan(200_000);
        }
        assertThat(sizes.get("feeds/topics/freedonia.atom")).isLessThan(100_000);
        // an index of one sitemap per month (of 20 days, 600 events) and one of the site-wide pages
        assertThat(sizes.get("sitemap.xml")).isLessThan(100 * 100);
        assertThat(sizes).containsKey("sitemaps/site.xml").containsKey("sitemaps/2000-01.xml");
        assertThat(sizes.get("sitemaps/2000-01.xml")).isLessThan(100_000);
        assertThat(sizes).containsKey("sitemaps/" + java.time.YearMonth.from(first.plusDays(49_999 / 20)) + ".xml");
    }
}
