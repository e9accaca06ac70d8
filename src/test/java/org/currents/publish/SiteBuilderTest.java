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
                            ".currents-build",
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
                .filter(f -> !f.equals(BuildState.FILE))
                .toList();
        List<String> b =
                files(full).stream().filter(f -> !f.equals(BuildState.FILE)).toList();
        assertThat(a).isEqualTo(b);
        assertThat(a).anyMatch(f -> f.endsWith(".md")).anyMatch(f -> f.endsWith(".html"));
        assertThat(a).contains("index.html", "feeds/latest.atom", "topics/index.html", "sitemap.xml");
        for (String f : a) {
            assertThat(Files.readAllBytes(incremental.resolve(f))).as(f).isEqualTo(Files.readAllBytes(full.resolve(f)));
        }
    }

    @Test
    void aPageDeletedByHandIsWrittenAgain() throws IOException {
        Path site = dir.resolve("site");
        try (ArchiveStore store = Archives.open(dir)) {
            Archives.importFile(
                    store,
                    new ExportBuilder()
                            .page(J9)
                            .revision(1, "2017-07-09T10:00:00Z", "Ann", "new", day(A, B))
                            .write(dir.resolve("1.xml")));
            markdown(store, site);
            Path page = site.resolve("news/2017/07/9/the-parliament-of-freedonia-passes-a-budget.md");
            Files.delete(page);
            BuildSummary s = markdown(store, site);
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
    void aSitePageDeletedByHandIsWrittenAgainAndAnotherWikiRewritesTheLinks() throws IOException {
        Path site = dir.resolve("site");
        try (ArchiveStore store = Archives.open(dir)) {
            Archives.importFile(
                    store,
                    new ExportBuilder()
                            .page(J9)
                            .revision(1, "2017-07-09T10:00:00Z", "Ann", "new", day(A, B))
                            .write(dir.resolve("1.xml")));
            SiteBuilder.of(store, site).build(SiteBuilder.quiet());
            Files.delete(site.resolve("topics/index.html"));
            BuildSummary s = SiteBuilder.of(store, site).build(SiteBuilder.quiet());
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
            Archives.importFile(
                    store,
                    new ExportBuilder()
                            .page(J9)
                            .revision(1, "2017-07-09T10:00:00Z", "Ann", "new", day(A, B))
                            .write(dir.resolve("1.xml")));
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
            if (!f.equals(BuildState.FILE)) {
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
