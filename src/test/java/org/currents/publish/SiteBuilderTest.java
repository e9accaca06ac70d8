package org.currents.publish;

import static org.assertj.core.api.Assertions.assertThat;
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
            BuildSummary one = SiteBuilder.of(store, site).build(SiteBuilder.quiet());
            assertThat(one.written()).isEqualTo(3);
            assertThat(files(site))
                    .containsExactly(
                            ".currents-build",
                            "news/2017/07/9/a-ferry-capsizes-off-freedonia-killing-12-people.md",
                            "news/2017/07/9/index.md",
                            "news/2017/07/9/the-parliament-of-freedonia-passes-a-budget.md");
            BuildSummary again = SiteBuilder.of(store, site).build(SiteBuilder.quiet());
            assertThat(again.written()).isZero();
            assertThat(again.unchanged()).isEqualTo(3);

            Archives.importFile(store, second.write(dir.resolve("2.xml")));
            BuildSummary three = SiteBuilder.of(store, site).build(SiteBuilder.quiet());
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
    void anIncrementalBuildEqualsAFullBuild() throws Exception {
        Path first = org.currents.testing.Generator.generate(
                dir, "g20", "--pages", "12", "--revisions", "20", "--seed", "7");
        Path all = org.currents.testing.Generator.generate(
                dir, "g40", "--pages", "12", "--revisions", "40", "--seed", "7");
        Path incremental = dir.resolve("incremental");
        Path full = dir.resolve("full");
        try (ArchiveStore store = Archives.open(dir)) {
            Archives.importFile(store, first);
            SiteBuilder.of(store, incremental).build(SiteBuilder.quiet());
            Archives.importFile(store, all);
            BuildSummary again = SiteBuilder.of(store, incremental).build(SiteBuilder.quiet());
            assertThat(again.written()).isPositive();
            SiteBuilder.of(store, full).build(SiteBuilder.quiet());
        }
        List<String> a =
                files(incremental).stream().filter(f -> f.startsWith("news/")).toList();
        List<String> b = files(full).stream().filter(f -> f.startsWith("news/")).toList();
        assertThat(a).isEqualTo(b);
        for (String f : a) {
            assertThat(Files.readString(incremental.resolve(f))).as(f).isEqualTo(Files.readString(full.resolve(f)));
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
            SiteBuilder.of(store, site).build(SiteBuilder.quiet());
            Path page = site.resolve("news/2017/07/9/the-parliament-of-freedonia-passes-a-budget.md");
            Files.delete(page);
            BuildSummary s = SiteBuilder.of(store, site).build(SiteBuilder.quiet());
            assertThat(s.written()).isEqualTo(1);
            assertThat(page).exists();
        }
    }

    @Test
    void pagesThatNoLongerExistAreDeleted() throws IOException {
        Path site = dir.resolve("site");
        Files.createDirectories(site.resolve("news/2001/01/1"));
        Files.writeString(site.resolve("news/2001/01/1/stale.md"), "old");
        Files.writeString(site.resolve("README.txt"), "not ours");
        try (ArchiveStore store = Archives.open(dir)) {
            Archives.importFile(
                    store,
                    new ExportBuilder()
                            .page(J9)
                            .revision(1, "2017-07-09T10:00:00Z", "Ann", "new", day(A))
                            .write(dir.resolve("1.xml")));
            BuildSummary s = SiteBuilder.of(store, site).build(SiteBuilder.quiet());
            assertThat(s.deleted()).isEqualTo(1);
        }
        assertThat(site.resolve("news/2001")).doesNotExist();
        assertThat(site.resolve("README.txt")).exists();
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
            SiteBuilder.of(store, site).build(SiteBuilder.quiet());
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
