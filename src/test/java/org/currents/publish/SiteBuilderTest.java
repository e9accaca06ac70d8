package org.currents.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.currents.testing.ExportBuilder.day;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.currents.store.ArchiveStore;
import org.currents.testing.Archives;
import org.currents.testing.ExportBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Markdown build: complete, incremental, and tidy. */
class SiteBuilderTest {
    static final String J9 = "Portal:Current events/2017 July 9";
    static final String A = "*The parliament of [[Freedonia]] passes a budget. [http://a.example/1 (A News)]";
    static final String A2 =
            "*The parliament of [[Freedonia]] passes the budget at dawn. [http://a.example/1 (A News)]";
    static final String B = "*A ferry capsizes off [[Freedonia]], killing 12 people. [http://b.example/2 (B Times)]";

    @TempDir
    Path dir;

    private static List<String> files(Path site) throws IOException {
        try (Stream<Path> s = Files.walk(site)) {
            return s.filter(Files::isRegularFile)
                    .map(p -> site.relativize(p).toString())
                    .sorted()
                    .toList();
        }
    }

    /** Imports July 9 with events A and B, one revision: the archive most tests start from. */
    private void importJuly9(ArchiveStore store) {
        Archives.importFile(
                store,
                new ExportBuilder()
                        .page(J9)
                        .revision(1, "2017-07-09T10:00:00Z", "Ann", "new", day(A, B))
                        .write(dir.resolve("1.xml")));
    }

    /** A Markdown-only build, as the archive's tests count its pages. */
    static BuildSummary markdown(ArchiveStore store, Path site) {
        return SiteBuilder.of(store, site)
                .formats(java.util.EnumSet.of(SiteBuilder.Format.MARKDOWN))
                .build(SiteBuilder.quiet());
    }

    @Test
    void aSecondBuildWritesNothingAndANewRevisionRewritesOnlyWhatChanged() throws IOException {
        Path site = dir.resolve("site");
        ExportBuilder first =
                new ExportBuilder().page(J9).revision(1, "2017-07-09T10:00:00Z", "Ann", "new", day(";Politics", A, B));
        ExportBuilder second = new ExportBuilder()
                .page(J9)
                .revision(1, "2017-07-09T10:00:00Z", "Ann", "new", day(";Politics", A, B))
                .revision(2, "2017-07-09T11:00:00Z", "Bob", "ce", day(";Politics", A2, B));
        try (ArchiveStore store = Archives.open(dir)) {
            Archives.importFile(store, first.write(dir.resolve("1.xml")));
            BuildSummary one = markdown(store, site);
            assertThat(one.written()).isEqualTo(3);
            assertThat(files(site))
                    .containsExactly(
                            ".currents-build.lock",
                            ".currents-build/events/2017-07",
                            ".currents-build/pages/news-2017-07",
                            ".currents-build/state",
                            "news/2017/07/9/a-ferry-capsizes-off-freedonia-killing-12-people.md",
                            "news/2017/07/9/index.md",
                            "news/2017/07/9/the-parliament-of-freedonia-passes-a-budget.md");
            BuildSummary again = markdown(store, site);
            assertThat(again.written()).isZero();
            assertThat(again.unchanged()).isEqualTo(3);

            Archives.importFile(store, second.write(dir.resolve("2.xml")));
            BuildSummary three = markdown(store, site);
            // A's new version page, A's old version page (now links to the new one), the day
            // page, and B's page (its Related entry shows A's new text)
            assertThat(three.written()).isEqualTo(4);
            assertThat(three.deleted()).isZero();
            assertThat(files(site))
                    .contains(
                            "news/2017/07/9/the-parliament-of-freedonia-passes-the-budget-at-dawn.md",
                            "news/2017/07/9/the-parliament-of-freedonia-passes-a-budget.md");
            String ferry = Files.readString(
                    site.resolve("news/2017/07/9/a-ferry-capsizes-off-freedonia-killing-12-people.md"));
            assertThat(ferry)
                    .contains(
                            "1. [The parliament of Freedonia passes the budget at dawn.]"
                                    + "(/news/2017/07/9/the-parliament-of-freedonia-passes-the-budget-at-dawn.md) _Context: Freedonia_");
        }
    }

    @Test
    void anIncrementalBuildEqualsAFullBuildInEveryFormat() throws Exception {
        Path first = org.currents.testing.Generator.generate(
                dir, "g20", "--pages", "12", "--revisions", "20", "--seed", "7");
        Path all = org.currents.testing.Generator.generate(
                dir, "g40", "--pages", "12", "--revisions", "40", "--seed", "7");
        Path incremental = dir.resolve("incremental");
        Path full = dir.resolve("full");
        try (ArchiveStore store = Archives.open(dir)) {
            Archives.importFile(store, first);
            // the incremental builds draw days on three threads, the full one on one: the same pages
            SiteBuilder.of(store, incremental).threads(3).build(SiteBuilder.quiet());
            Archives.importFile(store, all);
            BuildSummary again = SiteBuilder.of(store, incremental).threads(3).build(SiteBuilder.quiet());
            assertThat(again.written()).isPositive();
            assertThat(again.failed()).isZero();
            SiteBuilder.of(store, full).threads(1).build(SiteBuilder.quiet());
            BuildSummary unchanged =
                    SiteBuilder.of(store, incremental).threads(3).build(SiteBuilder.quiet());
            assertThat(unchanged.written()).isZero();
            assertThat(unchanged.deleted()).isZero();
        }
        List<String> a = files(incremental).stream()
                .filter(f -> !f.startsWith(BuildState.FILE + "/"))
                .toList();
        List<String> b = files(full).stream()
                .filter(f -> !f.startsWith(BuildState.FILE + "/"))
                .toList();
        assertThat(a).isEqualTo(b);
        assertThat(a).anyMatch(f -> f.endsWith(".md")).anyMatch(f -> f.endsWith(".html"));
        assertThat(a).contains("index.html", "feeds/latest.atom", "topics/index.html", "sitemap.xml");
        for (String f : a) {
            assertThat(Files.readAllBytes(incremental.resolve(f))).as(f).isEqualTo(Files.readAllBytes(full.resolve(f)));
        }
    }

    /** {@code store}, counting the days whose events (with their versions) are read. */
    static ArchiveStore countingDays(ArchiveStore store, List<java.time.LocalDate> days) {
        return (ArchiveStore) java.lang.reflect.Proxy.newProxyInstance(
                ArchiveStore.class.getClassLoader(), new Class<?>[] {ArchiveStore.class}, (proxy, m, args) -> {
                    if (m.getName().equals("events") && args != null && args[0] instanceof java.time.LocalDate d) {
                        days.add(d);
                    }
                    try {
                        return m.invoke(store, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void afterOneNewRevisionTheBuildDrawsAndReadsOnlyWhatChanged() throws IOException {
        String title = "Portal:Current events/2017 July %d";
        ExportBuilder first = new ExportBuilder();
        ExportBuilder second = new ExportBuilder();
        for (int d = 1; d <= 6; d++) {
            String[] lines = {
                ";Politics",
                "*The parliament of [[Freedonia]] meets on day " + d + ". [http://a.example/" + d + " (A News)]",
                "*A storm hits [[Sylvania]] and [[Freedonia]], day " + d + ". [http://b.example/" + d + " (B Times)]",
                d % 3 == 0
                        ? "*[[Ruritania]] elects a mayor, day " + d + ". [http://c.example/" + d + " (C Post)]"
                        : "*A [[Marsovia]] court rules, day " + d + ". [http://d.example/" + d + " (D Daily)]"
            };
            String t = String.format(title, d);
            String time = "2017-07-0" + d + "T10:00:00Z";
            first.page(t).revision(100 + d, time, "Ann", "new", day(lines));
            second.page(t).revision(100 + d, time, "Ann", "new", day(lines));
            if (d == 2) {
                String[] more = java.util.Arrays.copyOf(lines, lines.length + 1);
                more[lines.length] = "*[[Ruritania]] opens a bridge. [http://e.example/1 (E Wire)]";
                second.revision(200, "2017-07-02T12:00:00Z", "Bob", "+1", day(more));
            }
        }
        Path site = dir.resolve("site");
        Path full = dir.resolve("full");
        try (ArchiveStore store = Archives.open(dir)) {
            Archives.importFile(store, first.write(dir.resolve("1.xml")));
            SiteBuilder.of(store, site).build(SiteBuilder.quiet());
            // one new revision of July 2: a new event whose only context, Ruritania, two events share
            Archives.importFile(store, second.write(dir.resolve("2.xml")));
            List<java.time.LocalDate> read = new java.util.ArrayList<>();
            SiteBuilder incremental = SiteBuilder.of(countingDays(store, read), site);
            BuildSummary s = incremental.build(SiteBuilder.quiet());
            // planned from the change alone: the new event's day (its day page and its page; read
            // once, to assign paths and to draw), and the days of the two events whose Related list
            // now holds it: not the others
            assertThat(incremental.plannedTheChangeAlone()).isTrue();
            assertThat(read).hasSize(3);
            assertThat(new java.util.HashSet<>(read))
                    .containsExactlyInAnyOrder(
                            java.time.LocalDate.parse("2017-07-02"),
                            java.time.LocalDate.parse("2017-07-03"),
                            java.time.LocalDate.parse("2017-07-06"));
            // drawn in Markdown and HTML: the day page of July 2 and its new event's page (its 3
            // other events are as they were), the 2 Ruritania events' pages; Ruritania's topic page and feed; the topic
            // index, the
            // calendars, the latest feed (each shows a new count or event), the fixed pages and
            // the sitemap. Not the home page (its 3 days are July 4-6), nor Freedonia's,
            // Sylvania's or Marsovia's topic pages, nor the 3 other days.
            SiteBuilder fullBuild = SiteBuilder.of(store, full);
            BuildSummary f = fullBuild.build(SiteBuilder.quiet());
            // topic index, month, year, fixed (404, style, robots and the demo's covers), latest
            // feed + the sitemaps: the index, the site-wide pages' and July 2017's (the dirty month)
            long covers = new String(
                            SiteBuilderTest.class
                                    .getResourceAsStream(SitePages.SAMPLE_COVERS + "index.txt")
                                    .readAllBytes(),
                            java.nio.charset.StandardCharsets.UTF_8)
                    .lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#"))
                    .count();
            long sitePages = 1 + 1 + 1 + 3 + covers + 1 + 3;
            assertThat(incremental.drawnPages()).isEqualTo(2 * (1 + 1 + 2) + 2 + sitePages);
            assertThat(fullBuild.drawnPages()).isGreaterThan(incremental.drawnPages() + 2 * 3 * 4);
            assertThat(s.written()).isPositive().isLessThan(incremental.drawnPages());
            assertThat(f.pages()).isEqualTo(s.pages());
        }
        List<String> a = files(site).stream()
                .filter(x -> !x.startsWith(BuildState.FILE + "/"))
                .toList();
        assertThat(a)
                .isEqualTo(files(full).stream()
                        .filter(x -> !x.startsWith(BuildState.FILE + "/"))
                        .toList());
        for (String x : a) {
            assertThat(Files.readAllBytes(site.resolve(x))).as(x).isEqualTo(Files.readAllBytes(full.resolve(x)));
        }
    }

    /** Every file of {@code site} but the build state, each with its bytes. */
    private static java.util.Map<String, String> tree(Path site) throws IOException {
        java.util.Map<String, String> out = new java.util.TreeMap<>();
        for (String f : files(site)) {
            if (!f.startsWith(BuildState.FILE + "/")) {
                out.put(f, BuildState.hash(Files.readAllBytes(site.resolve(f))));
            }
        }
        return out;
    }

    @Test
    void roundAfterRoundOfOneNewRevisionTheIncrementalBuildEqualsAFreshFullBuild() throws IOException {
        String title = "Portal:Current events/2017 July %d";
        java.util.Map<Integer, List<String[]>> revisions = new java.util.TreeMap<>();
        for (int d = 1; d <= 6; d++) {
            revisions.computeIfAbsent(d, k -> new java.util.ArrayList<>()).add(new String[] {
                ";Politics",
                "*The parliament of [[Freedonia]] meets on day " + d + ". [http://a.example/" + d + " (A News)]",
                "*A storm hits [[Sylvania]] and [[Freedonia]], day " + d + ". [http://b.example/" + d + " (B Times)]",
                d % 3 == 0
                        ? "*[[Ruritania]] elects a mayor, day " + d + ". [http://c.example/" + d + " (C Post)]"
                        : "*A [[Marsovia]] court rules, day " + d + ". [http://d.example/" + d + " (D Daily)]"
            });
        }
        // each round is one new revision of one day page: a new event of shared contexts, a new
        // topic, an event removed, a new day (new neighbours), a topic's only event removed
        List<java.util.function.Consumer<java.util.Map<Integer, List<String[]>>>> rounds = List.of(
                r -> add(r, 2, "*[[Ruritania]] and [[Freedonia]] sign a treaty. [http://e.example/1 (E Wire)]"),
                r -> add(r, 5, "*[[Zembla]] joins the talks on [[Freedonia]]. [http://e.example/2 (E Wire)]"),
                r -> drop(r, 3, "[[Ruritania]] elects"),
                r -> revisions.put(8, new java.util.ArrayList<>(List.<String[]>of(new String[] {
                    "*A [[Marsovia]] ferry sails, day 8. [http://f.example/8 (F Post)]"
                }))),
                r -> drop(r, 5, "[[Zembla]]"),
                // a second storm of day 4 is slugged "...-day-4-2"; then an event without links
                // whose own slug is that one takes it first (new claims go before losers), and
                // the second storm, unchanged, moves to "-3": its topics must show the new path
                r -> add(r, 4, "*A storm hits [[Sylvania]] and [[Freedonia]], day 4! [http://g.example/4 (G News)]"),
                r -> add(r, 4, "*A storm hits Sylvania and Freedonia, day 4 2. [http://h.example/4 (H News)]"),
                // a topic named anew: Xanadu-Atlantis, spelt with a hyphen, then twice with an en
                // dash (one key): its title changes, on its page, on the pages of the events that
                // have it and on Atlantis's page, which lists it among its co-occurring topics
                r -> add(r, 1, "*The [[Xanadu-Atlantis]] pact is signed in [[Atlantis]]. [http://x.example/1 (X)]"),
                r -> {
                    add(r, 5, "*The [[Xanadu\u2013Atlantis]] pact is ratified. [http://x.example/2 (X)]");
                    add(r, 5, "*A [[Xanadu\u2013Atlantis]] summit is called. [http://x.example/3 (X)]");
                });
        Path site = dir.resolve("site");
        try (ArchiveStore store = Archives.open(dir)) {
            Archives.importFile(store, export(title, revisions).write(dir.resolve("0.xml")));
            SiteBuilder.of(store, site).threads(2).build(SiteBuilder.quiet());
            for (int round = 1; round <= rounds.size(); round++) {
                rounds.get(round - 1).accept(revisions);
                Archives.importFile(store, export(title, revisions).write(dir.resolve(round + ".xml")));
                SiteBuilder builder = SiteBuilder.of(store, site).threads(2);
                BuildSummary incremental = builder.build(SiteBuilder.quiet());
                // each round is small: planned from the change alone (ChangePlan)
                assertThat(builder.plannedTheChangeAlone())
                        .as("round %d", round)
                        .isTrue();
                Path full = dir.resolve("full-" + round);
                BuildSummary fresh = SiteBuilder.of(store, full).threads(1).build(SiteBuilder.quiet());
                assertThat(incremental.written()).as("round %d", round).isPositive();
                assertThat(incremental.written()).as("round %d", round).isLessThan(fresh.written());
                assertThat(incremental.pages()).as("round %d", round).isEqualTo(fresh.pages());
                assertThat(ChangePlanTest.differences(site, full))
                        .as("round %d", round)
                        .isEmpty();
                if (round == 2) {
                    assertThat(site.resolve("topics/zembla.html")).exists();
                }
            }
            assertThat(site.resolve("topics/zembla.html")).doesNotExist(); // its only event is gone
            assertThat(Files.readString(site.resolve("topics/sylvania.html")))
                    .contains("news/2017/07/4/a-storm-hits-sylvania-and-freedonia-day-4-3.html")
                    .doesNotContain("day-4-2.html");
            // its only event spells it with a hyphen: the en dash is the co-occurring topic's title
            assertThat(Files.readString(site.resolve("topics/atlantis.html"))).contains("Xanadu\u2013Atlantis");
            BuildSummary again = SiteBuilder.of(store, site).build(SiteBuilder.quiet());
            assertThat(again.written()).isZero();
            assertThat(again.deleted()).isZero();
        }
    }

    @Test
    void aBuildKilledWhileSavingItsStateLeavesOneTheNextBuildRepairs() throws IOException {
        String title = "Portal:Current events/2017 July %d";
        // killed after the page shards (the old months of events and state), and after the
        // months of events too (the old state): the files are renamed in that order
        for (boolean eventsSaved : new boolean[] {false, true}) {
            Path at = Files.createDirectories(dir.resolve("events-saved-" + eventsSaved));
            java.util.Map<Integer, List<String[]>> revisions = new java.util.TreeMap<>();
            for (int d = 1; d <= 3; d++) {
                revisions.put(d, new java.util.ArrayList<>(List.<String[]>of(new String[] {
                    "*The parliament of [[Freedonia]] meets on day " + d + ". [http://a.example/" + d + " (A News)]",
                    "*A [[Marsovia]] court rules, day " + d + ". [http://d.example/" + d + " (D Daily)]"
                })));
            }
            Path site = at.resolve("site");
            Path saved = at.resolve("saved");
            try (ArchiveStore store = Archives.open(at)) {
                Archives.importFile(store, export(title, revisions).write(at.resolve("0.xml")));
                SiteBuilder.of(store, site).build(SiteBuilder.quiet());
                Path state = site.resolve(BuildState.FILE);
                Files.createDirectories(saved.resolve(BuildState.EVENTS));
                Files.copy(state.resolve(BuildState.STATE), saved.resolve(BuildState.STATE));
                Files.copy(
                        state.resolve(BuildState.EVENTS).resolve("2017-07"),
                        saved.resolve(BuildState.EVENTS).resolve("2017-07"));

                add(revisions, 2, "*[[Marsovia]] and [[Freedonia]] sign a treaty. [http://e.example/1 (E Wire)]");
                drop(revisions, 3, "court rules");
                Archives.importFile(store, export(title, revisions).write(at.resolve("1.xml")));
                SiteBuilder.of(store, site).build(SiteBuilder.quiet());
                // as a kill -9 before the last renames leaves it
                Files.copy(
                        saved.resolve(BuildState.STATE),
                        state.resolve(BuildState.STATE),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                if (!eventsSaved) {
                    Files.copy(
                            saved.resolve(BuildState.EVENTS).resolve("2017-07"),
                            state.resolve(BuildState.EVENTS).resolve("2017-07"),
                            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
                SiteBuilder.of(store, site).build(SiteBuilder.quiet());
                Path full = at.resolve("full");
                SiteBuilder.of(store, full).build(SiteBuilder.quiet());
                assertThat(tree(site)).as("events saved: %s", eventsSaved).isEqualTo(tree(full));
                BuildSummary again = SiteBuilder.of(store, site).build(SiteBuilder.quiet());
                assertThat(again.written()).isZero();
                assertThat(again.deleted()).isZero();
            }
        }
    }

    private static void add(java.util.Map<Integer, List<String[]>> revisions, int day, String line) {
        List<String[]> l = revisions.get(day);
        String[] last = l.get(l.size() - 1);
        String[] next = java.util.Arrays.copyOf(last, last.length + 1);
        next[last.length] = line;
        l.add(next);
    }

    private static void drop(java.util.Map<Integer, List<String[]>> revisions, int day, String part) {
        List<String[]> l = revisions.get(day);
        l.add(java.util.Arrays.stream(l.get(l.size() - 1))
                .filter(x -> !x.contains(part))
                .toArray(String[]::new));
    }

    /** Every revision so far of every day: a new import of it adds only the new ones. */
    private static ExportBuilder export(String title, java.util.Map<Integer, List<String[]>> revisions) {
        ExportBuilder b = new ExportBuilder();
        revisions.forEach((d, l) -> {
            b.page(String.format(title, d));
            for (int k = 0; k < l.size(); k++) {
                b.revision(
                        100L * d + k,
                        String.format("2017-07-%02dT%02d:00:00Z", d, 10 + k),
                        "Ann",
                        k == 0 ? "new" : "+",
                        day(l.get(k)));
            }
        });
        return b;
    }

    @Test
    void aPageDeletedByHandIsWrittenAgainByABuildOfTheWholePlan() throws IOException {
        Path site = dir.resolve("site");
        try (ArchiveStore store = Archives.open(dir)) {
            importJuly9(store);
            markdown(store, site);
            Path page = site.resolve("news/2017/07/9/the-parliament-of-freedonia-passes-a-budget.md");
            Files.delete(page);
            // a build after no change looks at nothing: it trusts the last build's pages
            assertThat(markdown(store, site).written()).isZero();
            assertThat(page).doesNotExist();
            BuildSummary s = SiteBuilder.of(store, site)
                    .formats(java.util.EnumSet.of(SiteBuilder.Format.MARKDOWN))
                    .full(true)
                    .build(SiteBuilder.quiet());
            assertThat(s.written()).isEqualTo(1);
            assertThat(page).exists();
        }
    }

    @Test
    void pagesThatNoLongerExistAreDeleted() throws IOException {
        Path site = dir.resolve("site");
        try (ArchiveStore store = Archives.open(dir)) {
            Archives.importFile(
                    store,
                    new ExportBuilder()
                            .page(J9)
                            .revision(1, "2017-07-09T10:00:00Z", "Ann", "new", day(A, B))
                            .revision(2, "2017-07-09T11:00:00Z", "Bob", "rm", day(A))
                            .write(dir.resolve("1.xml")));
            markdown(store, site);
            Path ferry = site.resolve("news/2017/07/9/a-ferry-capsizes-off-freedonia-killing-12-people.md");
            assertThat(ferry).exists(); // removed events keep their page
            Files.writeString(site.resolve("news/2017/07/9/notes.md"), "mine");
            Archives.importFile(
                    store,
                    new ExportBuilder()
                            .page("Portal:Current events/2017 July 10")
                            .revision(3, "2017-07-10T10:00:00Z", "Ann", "new", day(B))
                            .write(dir.resolve("2.xml")));
            SiteBuilder.of(store, site)
                    .formats(java.util.EnumSet.of(SiteBuilder.Format.HTML))
                    .build(SiteBuilder.quiet());
        }
        // the Markdown pages the last build wrote are gone, the file it did not write is not
        assertThat(site.resolve("news/2017/07/9/index.md")).doesNotExist();
        assertThat(site.resolve("news/2017/07/9/index.html")).exists();
        assertThat(site.resolve("news/2017/07/9/notes.md")).hasContent("mine");
    }

    @Test
    void aSitePageDeletedByHandIsWrittenAgainByABuildOfTheWholePlanAndAnotherWikiRewritesTheLinks() throws IOException {
        Path site = dir.resolve("site");
        try (ArchiveStore store = Archives.open(dir)) {
            importJuly9(store);
            SiteBuilder.of(store, site).build(SiteBuilder.quiet());
            Files.delete(site.resolve("topics/index.html"));
            BuildSummary s = SiteBuilder.of(store, site).full(true).build(SiteBuilder.quiet());
            assertThat(s.written()).isEqualTo(1);
            assertThat(site.resolve("topics/index.html")).exists();

            BuildSummary other = SiteBuilder.of(store, site)
                    .wiki("https://wiki.example/w/index.php")
                    .build(SiteBuilder.quiet());
            assertThat(other.written()).isPositive();
        }
        assertThat(site.resolve("news/2017/07/9/the-parliament-of-freedonia-passes-a-budget.html"))
                .content()
                .contains("https://wiki.example/w/index.php?oldid=1");
    }

    @Test
    void aPageThatCannotBeDrawnIsReportedAndTheRestIsBuilt() throws IOException {
        Path site = dir.resolve("site");
        // a fault in drawing one event's pages, wherever it comes from
        Renderer faulty = new Renderer() {
            @Override
            public String extension() {
                return "txt";
            }

            @Override
            public String eventPage(Views.EventPage page, Views.Site s) {
                if (page.event().text().contains("ferry")) {
                    throw new IllegalStateException("cannot draw this one");
                }
                return page.event().text();
            }
        };
        try (ArchiveStore store = Archives.open(dir)) {
            importJuly9(store);
            BuildSummary s = SiteBuilder.of(store, site).alsoRender(faulty).build(SiteBuilder.quiet());
            assertThat(s.failed()).isEqualTo(1);
            assertThat(s.problems())
                    .containsExactly("cannot draw news/2017/07/9/a-ferry-capsizes-off-freedonia-killing-12-people.txt:"
                            + " java.lang.IllegalStateException: cannot draw this one");
            // the next build tries it again
            BuildSummary again = SiteBuilder.of(store, site).alsoRender(faulty).build(SiteBuilder.quiet());
            assertThat(again.failed()).isEqualTo(1);
        }
        assertThat(site.resolve("news/2017/07/9/the-parliament-of-freedonia-passes-a-budget.txt"))
                .hasContent("The parliament of Freedonia passes a budget.");
        assertThat(site.resolve("news/2017/07/9/a-ferry-capsizes-off-freedonia-killing-12-people.html"))
                .exists();
        assertThat(site.resolve("news/2017/07/9/a-ferry-capsizes-off-freedonia-killing-12-people.md"))
                .exists();
        assertThat(site.resolve("index.html")).exists();
    }

    /** Stops a build the way a kill does: nothing in the build catches it. */
    static final class Stop extends Error {
        private static final long serialVersionUID = 1L;
    }

    @Test
    void aBuildStoppedMidwayKeepsTrackOfThePagesItWroteAndTheNextBuildTidiesThem() throws IOException {
        Path site = dir.resolve("site");
        Path fresh = dir.resolve("fresh");
        java.time.LocalDate j10 = java.time.LocalDate.of(2017, 7, 10);
        Renderer stop = new Renderer() {
            @Override
            public String extension() {
                return "txt";
            }

            @Override
            public String dayPage(Views.DayPage page, Views.Site s) {
                if (page.day().equals(j10)) {
                    throw new Stop(); // after July 10's Markdown and HTML pages, before the state is saved
                }
                return null;
            }
        };
        try (ArchiveStore store = Archives.open(dir)) {
            Archives.importFile(
                    store,
                    new ExportBuilder()
                            .page(J9)
                            .revision(1, "2017-07-09T10:00:00Z", "Ann", "new", day(A))
                            .page("Portal:Current events/2017 July 10")
                            .revision(2, "2017-07-10T10:00:00Z", "Bob", "new", day(B))
                            .write(dir.resolve("1.xml")));
            assertThatThrownBy(
                            () -> SiteBuilder.of(store, site).alsoRender(stop).build(SiteBuilder.quiet()))
                    .isInstanceOf(Stop.class);
            assertThat(site.resolve(BuildState.FILE)).doesNotExist();
            assertThat(site.resolve(BuildJournal.FILE)).exists();
            assertThat(site.resolve("news/2017/07/10/index.md")).exists();
            // as kill -9 leaves a page it had begun: its temporary file, beside the journal's line
            Files.writeString(site.resolve("news/2017/07/10/index.md.tmp"), "half a pa");

            // the folder is known as a build's, and the Markdown pages it wrote are deleted
            BuildSummary s = SiteBuilder.of(store, site)
                    .formats(java.util.EnumSet.of(SiteBuilder.Format.HTML))
                    .build(SiteBuilder.quiet());
            assertThat(s.failed()).isZero();
            SiteBuilder.of(store, fresh)
                    .formats(java.util.EnumSet.of(SiteBuilder.Format.HTML))
                    .threads(1)
                    .build(SiteBuilder.quiet());
        }
        assertThat(site.resolve(BuildJournal.FILE)).doesNotExist();
        assertThat(files(site)).noneMatch(f -> f.endsWith(".md")).isEqualTo(files(fresh));
        for (String f : files(fresh)) {
            if (!f.startsWith(BuildState.FILE + "/")) {
                assertThat(Files.readAllBytes(site.resolve(f))).as(f).isEqualTo(Files.readAllBytes(fresh.resolve(f)));
            }
        }
    }

    @Test
    void aFolderOfOtherFilesIsRefusedAndWithForceNothingOfItIsDeleted() throws IOException {
        Path site = dir.resolve("site");
        Files.createDirectories(site.resolve("news/blog"));
        Files.writeString(site.resolve("news/blog/post.md"), "my post");
        Files.createDirectories(site.resolve("news/2017/07/9"));
        Files.writeString(site.resolve("news/2017/07/9/stale.md"), "old");
        try (ArchiveStore store = Archives.open(dir)) {
            Archives.importFile(
                    store,
                    new ExportBuilder()
                            .page(J9)
                            .revision(1, "2017-07-09T10:00:00Z", "Ann", "new", day(A))
                            .write(dir.resolve("1.xml")));
            assertThatThrownBy(() -> markdown(store, site))
                    .isInstanceOf(SiteBuilder.ForeignFolderException.class)
                    .hasMessageContaining("--force");
            assertThat(files(site)).containsExactly("news/2017/07/9/stale.md", "news/blog/post.md");
            BuildSummary s = SiteBuilder.of(store, site)
                    .formats(java.util.EnumSet.of(SiteBuilder.Format.MARKDOWN))
                    .force(true)
                    .build(SiteBuilder.quiet());
            assertThat(s.deleted()).isZero();
            // and the next build, now over a currents build, still leaves them alone
            assertThat(markdown(store, site).deleted()).isZero();
        }
        assertThat(site.resolve("news/blog/post.md")).hasContent("my post");
        assertThat(site.resolve("news/2017/07/9/stale.md")).hasContent("old");
        assertThat(site.resolve("news/2017/07/9/index.md")).exists();
    }

    @Test
    void aSecondBuildIntoAFolderBeingBuiltIsRefusedAndTouchesNothing() throws IOException {
        Path site = dir.resolve("site");
        try (ArchiveStore store = Archives.open(dir)) {
            importJuly9(store);
            SiteBuilder.of(store, site).build(SiteBuilder.quiet());
            java.util.Map<String, String> built = tree(site);
            Archives.importFile(
                    store,
                    new ExportBuilder()
                            .page("Portal:Current events/2017 July 10")
                            .revision(2, "2017-07-10T10:00:00Z", "Ann", "new", day(A))
                            .write(dir.resolve("2.xml")));
            // another build holds the folder's lock (here, this process: as another would)
            try (java.nio.channels.FileChannel other = java.nio.channels.FileChannel.open(
                            site.resolve(BuildLock.FILE), java.nio.file.StandardOpenOption.WRITE);
                    java.nio.channels.FileLock held = other.lock()) {
                assertThat(held.isValid()).isTrue();
                assertThatThrownBy(() -> SiteBuilder.of(store, site).build(SiteBuilder.quiet()))
                        .isInstanceOf(SiteBuilder.BusyFolderException.class)
                        .hasMessageContaining(site + " is being built by another currents build");
                assertThat(tree(site)).isEqualTo(built);
                assertThat(site.resolve("news/2017/07/10")).doesNotExist();
            }
            BuildSummary s = SiteBuilder.of(store, site).build(SiteBuilder.quiet());
            assertThat(s.written()).isPositive();
            assertThat(site.resolve("news/2017/07/10/index.md")).exists();
        }
    }

    @Test
    void aFolderHoldingOnlyTheLockOfAFirstBuildThatWroteNothingIsStillOurs() throws IOException {
        Path site = dir.resolve("site");
        Files.createDirectories(site);
        Files.writeString(site.resolve(BuildLock.FILE), "4711\n");
        try (ArchiveStore store = Archives.open(dir)) {
            importJuly9(store);
            assertThat(SiteBuilder.of(store, site).build(SiteBuilder.quiet()).written())
                    .isPositive();
        }
    }

    @Test
    void aFileOrAnEmptyFolderAsOut() throws IOException {
        Path file = Files.writeString(dir.resolve("file"), "x");
        Path empty = Files.createDirectories(dir.resolve("empty"));
        try (ArchiveStore store = Archives.open(dir)) {
            Archives.importFile(
                    store,
                    new ExportBuilder()
                            .page(J9)
                            .revision(1, "2017-07-09T10:00:00Z", "Ann", "new", day(A))
                            .write(dir.resolve("1.xml")));
            assertThatThrownBy(() -> markdown(store, file))
                    .isInstanceOf(SiteBuilder.ForeignFolderException.class)
                    .hasMessageContaining("not a folder");
            assertThat(markdown(store, empty).written()).isEqualTo(2);
        }
        assertThat(file).hasContent("x");
    }

    @Test
    void anEventCalledIndexNeverTakesTheDayPageAndTheBuildGoesOn() throws IOException {
        Path site = dir.resolve("site");
        try (ArchiveStore store = Archives.open(dir)) {
            Archives.importFile(
                    store,
                    new ExportBuilder()
                            .page(J9)
                            .revision(
                                    1,
                                    "2017-07-09T10:00:00Z",
                                    "Ann",
                                    "new",
                                    day("*INDEX! [http://a.example/1 (A News)]", B))
                            .write(dir.resolve("1.xml")));
            BuildSummary s = SiteBuilder.of(store, site).build(SiteBuilder.quiet());
            assertThat(s.failed()).isZero();
        }
        assertThat(site.resolve("news/2017/07/9/index-2.md")).content().contains("# INDEX!");
        assertThat(site.resolve("news/2017/07/9/index-2.html")).content().contains("INDEX!");
        assertThat(site.resolve("news/2017/07/9/index.md")).content().startsWith("# 2017-07-9");
        assertThat(site.resolve("news/2017/07/9/index.md")).content().contains("](/news/2017/07/9/index-2.md)");
    }

    @Test
    void theDayPageListsEventsUnderCategoriesAndStoriesWithRemovedOnesApart() throws IOException {
        Path site = dir.resolve("site");
        try (ArchiveStore store = Archives.open(dir)) {
            Archives.importFile(
                    store,
                    new ExportBuilder()
                            .page(J9)
                            .revision(
                                    1,
                                    "2017-07-09T10:00:00Z",
                                    "Ann",
                                    "new",
                                    day(
                                            ";Politics and elections",
                                            "*[[Freedonia budget crisis]]",
                                            "*" + A,
                                            ";Disasters and accidents",
                                            B))
                            .revision(
                                    2,
                                    "2017-07-09T11:00:00Z",
                                    "Bob",
                                    "rm",
                                    day(";Politics and elections", "*[[Freedonia budget crisis]]", "*" + A))
                            .write(dir.resolve("1.xml")));
            markdown(store, site);
        }
        assertThat(Files.readString(site.resolve("news/2017/07/9/index.md"))).isEqualTo("""
                # 2017-07-9

                ### Politics and elections

                1. Freedonia budget crisis
                    1. [The parliament of Freedonia passes a budget.](/news/2017/07/9/the-parliament-of-freedonia-passes-a-budget.md)

                ### Removed from the page

                1. [A ferry capsizes off Freedonia, killing 12 people.](/news/2017/07/9/a-ferry-capsizes-off-freedonia-killing-12-people.md)
                """);
    }
}
