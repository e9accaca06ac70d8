package org.currents.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.currents.testing.ExportBuilder.day;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.currents.model.Event;
import org.currents.relate.Relations;
import org.currents.store.ArchiveStore;
import org.currents.testing.Archives;
import org.currents.testing.ExportBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sitemap is an index of one sitemap per month and one of the site-wide pages: each month's
 * lists exactly that month's day pages and its events' current pages, the server draws the same
 * files from a month of the archive, an oversized month is split, and an incremental build draws
 * only the months of its dirty days.
 */
class SitemapTest {
    private static final String BASE = "http://127.0.0.1:1";
    private static final String TITLE = "Portal:Current events/%s";

    @TempDir
    Path dir;

    /** Days in three months of two years; July 9's second revision edits an event (two versions). */
    private static ExportBuilder archive(boolean oneMore) {
        ExportBuilder b = new ExportBuilder();
        String[][] days = {
            {"2016 December 31", "2016-12-31"},
            {"2017 July 1", "2017-07-01"},
            {"2017 July 9", "2017-07-09"},
            {"2017 August 2", "2017-08-02"}
        };
        long rev = 0;
        for (String[] d : days) {
            rev += 10; // the same ids in both exports: the second only adds a revision
            String a = "*The parliament of [[Freedonia]] meets, " + d[1] + ". [http://a.example/" + d[1] + " (A News)]";
            String c = "*A storm hits [[Sylvania]], " + d[1] + ". [http://b.example/" + d[1] + " (B Times)]";
            b.page(String.format(TITLE, d[0]))
                    .revision(rev++, d[1] + "T10:00:00Z", "Ann", "new", day(";Politics", a, c));
            if (d[1].equals("2017-07-09")) {
                b.revision(rev++, d[1] + "T11:00:00Z", "Bob", "ce", day(";Politics", a.replace("meets", "sits"), c));
            }
            if (oneMore && d[1].equals("2017-07-01")) {
                String e = "*[[Ruritania]] opens a bridge. [http://e.example/1 (E Wire)]";
                b.revision(rev++, d[1] + "T12:00:00Z", "Cy", "+1", day(";Politics", a, c, e));
            }
        }
        return b;
    }

    private static List<String> locs(Path file) throws IOException {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("<loc>([^<]+)</loc>").matcher(Files.readString(file));
        while (m.find()) {
            out.add(m.group(1).substring(BASE.length() + 1));
        }
        return out;
    }

    private static List<String> sitemapFiles(Path site) throws IOException {
        List<String> out = new ArrayList<>();
        out.add("sitemap.xml");
        try (Stream<Path> s = Files.list(site.resolve("sitemaps"))) {
            s.map(p -> "sitemaps/" + p.getFileName()).sorted().forEach(out::add);
        }
        return out;
    }

    /** Each month's day pages, then its events' current pages, as the store's events place them. */
    private static Map<YearMonth, List<String>> expectedMonths(ArchiveStore store) {
        Map<YearMonth, List<String>> days = new TreeMap<>();
        Map<YearMonth, List<String>> events = new TreeMap<>();
        for (org.currents.store.EventSummary s : Relations.of(store).events()) {
            LocalDate d = s.day();
            List<String> l = days.computeIfAbsent(YearMonth.from(d), k -> new ArrayList<>());
            String dayPage = Paths.dayPage(d) + ".html";
            if (!l.contains(dayPage)) {
                l.add(dayPage);
            }
        }
        Set<LocalDate> seen = new HashSet<>();
        for (org.currents.store.EventSummary s : Relations.of(store).events()) {
            if (seen.add(s.day())) {
                List<Event> ofDay = new ArrayList<>(store.events(s.day()));
                ofDay.sort(java.util.Comparator.comparingInt(Event::position).thenComparing(Event::id));
                PageAssignment a = PageAssignment.of(ofDay);
                for (Event e : ofDay) {
                    List<String> p = a.paths(e.id());
                    events.computeIfAbsent(YearMonth.from(s.day()), k -> new ArrayList<>())
                            .add(p.get(p.size() - 1) + ".html");
                }
            }
        }
        Map<YearMonth, List<String>> out = new TreeMap<>();
        days.forEach((m, l) -> {
            List<String> all = new ArrayList<>(l);
            all.addAll(events.get(m));
            out.put(m, all);
        });
        return out;
    }

    @Test
    void theIndexListsTheSiteAndEveryMonthAndEachMonthListsExactlyItsPagesAsTheServerDrawsThem() throws IOException {
        Path site = dir.resolve("site");
        try (ArchiveStore store = Archives.open(dir)) {
            Archives.importFile(store, archive(false).write(dir.resolve("1.xml")));
            SiteBuilder.of(store, site).baseUrl(BASE).build(SiteBuilder.quiet());
            Map<YearMonth, List<String>> months = expectedMonths(store);
            assertThat(months).containsOnlyKeys(YearMonth.of(2016, 12), YearMonth.of(2017, 7), YearMonth.of(2017, 8));

            assertThat(locs(site.resolve("sitemap.xml")))
                    .containsExactly(
                            "sitemaps/site.xml",
                            "sitemaps/2016-12.xml",
                            "sitemaps/2017-07.xml",
                            "sitemaps/2017-08.xml");
            assertThat(Files.readString(site.resolve("sitemap.xml"))).contains("<sitemapindex");
            List<String> listed = new ArrayList<>();
            for (Map.Entry<YearMonth, List<String>> m : months.entrySet()) {
                List<String> locs = locs(site.resolve("sitemaps/" + m.getKey() + ".xml"));
                assertThat(locs).as(m.getKey().toString()).containsExactlyElementsOf(m.getValue());
                listed.addAll(locs);
            }
            // July 9's first version of the edited event has a page, not listed: only current pages are
            Set<String> news = new HashSet<>();
            try (Stream<Path> s = Files.walk(site.resolve("news"))) {
                s.map(p -> site.relativize(p).toString())
                        .filter(p -> p.endsWith(".html") && p.split("/").length == 5)
                        .forEach(news::add);
            }
            assertThat(news).containsAll(listed).hasSize(listed.size() + 1);
            for (String loc : listed) {
                assertThat(site.resolve(loc)).isRegularFile();
            }
            List<String> wide = locs(site.resolve("sitemaps/site.xml"));
            assertThat(wide)
                    .startsWith("index.html", "news/2016/12/index.html", "news/2017/07/index.html")
                    .contains("news/2016/index.html", "news/2017/index.html", "topics/index.html")
                    .contains("topics/freedonia.html", "topics/sylvania.html")
                    .noneMatch(p -> p.split("/").length == 5);

            // the index's bound on the topic pages, from the contexts alone: here exact
            long topicPages = wide.stream()
                    .filter(p -> p.startsWith("topics/") && !p.equals("topics/index.html"))
                    .count();
            assertThat(store.contextPagesAtMost(SitePages.TOPIC_PAGE)).isEqualTo(topicPages);
            assertThat(store.contextPagesAtMost(1)).isGreaterThan(topicPages);
            LiveSite live = LiveSite.of(store, new Views.Site(SiteBuilder.DEFAULT_WIKI, BASE));
            for (String f : sitemapFiles(site)) {
                assertThat(live.page(store, f).orElseThrow().body()).as(f).isEqualTo(Files.readString(site.resolve(f)));
            }
            for (String missing : List.of(
                    "sitemaps/2017-06.xml",
                    "sitemaps/2017-7.xml",
                    "sitemaps/2017-07-part1.xml",
                    "sitemaps/2017-07-part2.xml",
                    "sitemaps/site-part2.xml",
                    "sitemaps/2017-07-part.xml",
                    "sitemaps/2017-07-part02.xml",
                    "sitemaps/2017-13.xml",
                    "sitemaps/1.xml",
                    "sitemaps/sitemap.xml",
                    "sitemaps/2017-07.html",
                    "sitemaps.xml")) {
                assertThat(live.page(store, missing)).as(missing).isEmpty();
            }
        }
    }

    @Test
    void aMonthPastTheLimitIsSplitInPartsTheServerDrawsAlike() throws IOException {
        Path site = dir.resolve("site");
        int was = Sitemap.limit;
        Sitemap.limit = 3;
        try (ArchiveStore store = Archives.open(dir)) {
            Archives.importFile(store, archive(false).write(dir.resolve("1.xml")));
            SiteBuilder.of(store, site).baseUrl(BASE).build(SiteBuilder.quiet());
            Map<YearMonth, List<String>> months = expectedMonths(store);
            // July: 2 days + 4 events = 6 addresses, two parts of 3; December and August: 3, one part
            assertThat(months.get(YearMonth.of(2017, 7))).hasSize(6);
            List<String> index = locs(site.resolve("sitemap.xml"));
            assertThat(index)
                    .contains("sitemaps/site.xml", "sitemaps/site-part2.xml")
                    .containsSubsequence(
                            "sitemaps/2016-12.xml",
                            "sitemaps/2017-07.xml",
                            "sitemaps/2017-07-part2.xml",
                            "sitemaps/2017-08.xml")
                    .doesNotContain("sitemaps/2017-07-part3.xml", "sitemaps/2016-12-part2.xml");
            List<String> july = new ArrayList<>(locs(site.resolve("sitemaps/2017-07.xml")));
            assertThat(july).hasSize(3);
            List<String> second = locs(site.resolve("sitemaps/2017-07-part2.xml"));
            assertThat(second).hasSize(3);
            july.addAll(second);
            assertThat(july).containsExactlyElementsOf(months.get(YearMonth.of(2017, 7)));
            List<String> wide = new ArrayList<>();
            for (String f : index) {
                if (f.startsWith("sitemaps/site")) {
                    List<String> l = locs(site.resolve(f));
                    assertThat(l).as(f).hasSizeBetween(1, 3);
                    wide.addAll(l);
                }
            }
            assertThat(wide).doesNotHaveDuplicates().contains("index.html", "topics/index.html");
            List<String> files = sitemapFiles(site);
            assertThat(files).hasSize(index.size() + 1);

            LiveSite live = LiveSite.of(store, new Views.Site(SiteBuilder.DEFAULT_WIKI, BASE));
            for (String f : files) {
                assertThat(live.page(store, f).orElseThrow().body()).as(f).isEqualTo(Files.readString(site.resolve(f)));
            }
            assertThat(live.page(store, "sitemaps/2017-07-part3.xml")).isEmpty();
            assertThat(live.page(store, "sitemaps/2017-08-part2.xml")).isEmpty();
        } finally {
            Sitemap.limit = was;
        }
    }

    @Test
    void afterOneNewRevisionOnlyTheDirtyMonthsSitemapIsDrawnAndTheBuildEqualsAFullOne() throws IOException {
        Path site = dir.resolve("site");
        Path full = dir.resolve("full");
        try (ArchiveStore store = Archives.open(dir)) {
            Archives.importFile(store, archive(false).write(dir.resolve("1.xml")));
            SiteBuilder.of(store, site).baseUrl(BASE).build(SiteBuilder.quiet());
            Map<String, String> before = new HashMap<>();
            for (String f : sitemapFiles(site)) {
                before.put(f, Files.readString(site.resolve(f)));
            }
            Archives.importFile(store, archive(true).write(dir.resolve("2.xml")));

            // the plan of the incremental build, and the sitemaps its site pages draw
            BuildState last = BuildState.load(site);
            Set<String> changed = new HashSet<>(store.eventsChangedSince(Long.parseLong(last.marks.get("seq"))));
            assertThat(changed).isNotEmpty();
            Relations relations = Relations.of(store);
            PagePlan plan =
                    PagePlan.of(relations, last, changed, store::events, p -> true, BuildState.after(last), null);
            assertThat(plan.dirty).isNotEmpty().allMatch(d -> YearMonth.from(d).equals(YearMonth.of(2017, 7)));
            List<String> drawn = new ArrayList<>();
            new SitePages(
                            SiteSource.of(relations),
                            plan,
                            new Views.Site(SiteBuilder.DEFAULT_WIKI, BASE),
                            (ext, path, d) -> {
                                if (ext.equals("xml")) {
                                    drawn.add(path);
                                }
                                return true;
                            })
                    .incremental(last.topics, new HashMap<>(), files -> true)
                    .render();
            assertThat(drawn).containsExactlyInAnyOrder("sitemaps/2017-07", "sitemaps/site", "sitemap");

            SiteBuilder.of(store, site).baseUrl(BASE).build(SiteBuilder.quiet());
            SiteBuilder.of(store, full).baseUrl(BASE).build(SiteBuilder.quiet());
            List<String> files = sitemapFiles(site);
            assertThat(files).isEqualTo(sitemapFiles(full));
            for (String f : files) {
                assertThat(Files.readString(site.resolve(f))).as(f).isEqualTo(Files.readString(full.resolve(f)));
            }
            assertThat(Files.readString(site.resolve("sitemaps/2017-07.xml")))
                    .isNotEqualTo(before.get("sitemaps/2017-07.xml"));
            assertThat(Files.readString(site.resolve("sitemaps/2017-08.xml")))
                    .isEqualTo(before.get("sitemaps/2017-08.xml"));
            assertThat(Files.readString(site.resolve("sitemaps/2016-12.xml")))
                    .isEqualTo(before.get("sitemaps/2016-12.xml"));
        }
    }
}
