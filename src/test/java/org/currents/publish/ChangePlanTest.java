package org.currents.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.currents.testing.ExportBuilder.day;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.currents.store.ArchiveStore;
import org.currents.store.Stores;
import org.currents.testing.Archives;
import org.currents.testing.ExportBuilder;
import org.currents.testing.Generator;
import org.currents.testing.Postgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A build after a small change plans the change alone ({@link ChangePlan}) and writes the site a
 * build of the whole plan writes, byte for byte: on 40 days in a row of the full-history input
 * (real events of 2019, with moves between days, vandalism and reverts), one page at a time, as
 * a sync brings them: a new revision of a day already there, or a new day. On both stores: the
 * change is read through their indexed queries.
 */
class ChangePlanTest {
    @TempDir
    Path dir;

    /** One page of an export: what comes before its first revision, each revision, and the rest. */
    private record Page(String head, List<String> revisions, String tail) {
        String upTo(int n) {
            return head + String.join("", revisions.subList(0, n)) + tail;
        }
    }

    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"SQLite", "PostgreSQL"})
    void roundAfterRoundOfOnePageTheBuildOfTheChangeEqualsABuildOfTheWholePlan(String kind) throws Exception {
        if (kind.equals("SQLite")) {
            try (ArchiveStore store = Archives.open(dir)) {
                roundAfterRound(store);
            }
        } else {
            try (Postgres server = Postgres.create(ChangePlanTest.class);
                    ArchiveStore store = Stores.open(server.freshSchema())) {
                roundAfterRound(store);
            }
        }
    }

    private void roundAfterRound(ArchiveStore store) throws Exception {
        Path xml = Generator.history(
                dir,
                "days",
                dir.resolve("days.truth.jsonl"),
                "--first",
                "2019-06-01",
                "--days",
                "40",
                "--scale",
                "0.05",
                "--seed",
                "11");
        String whole = Files.readString(xml);
        String head = whole.substring(0, whole.indexOf("<page>"));
        List<Page> pages = new ArrayList<>();
        for (int at = whole.indexOf("<page>"); at >= 0; at = whole.indexOf("<page>", at + 1)) {
            int end = whole.indexOf("</page>", at);
            String page = whole.substring(at, end);
            List<String> revisions = new ArrayList<>();
            int first = page.indexOf("<revision>");
            for (int r = first; r >= 0; ) {
                int next = page.indexOf("<revision>", r + 1);
                revisions.add(page.substring(r, next < 0 ? page.length() : next));
                r = next;
            }
            pages.add(new Page(page.substring(0, first), revisions, "</page>\n"));
        }
        assertThat(pages).hasSize(40);
        // the first 30 days, each without its last two revisions
        int[] imported = new int[pages.size()];
        StringBuilder first = new StringBuilder(head);
        for (int p = 0; p < 30; p++) {
            imported[p] = Math.max(1, pages.get(p).revisions().size() - 2);
            first.append(pages.get(p).upTo(imported[p]));
        }
        Path site = dir.resolve("site");
        {
            Archives.importFile(store, write(dir.resolve("0.xml"), first.append("</mediawiki>\n")));
            SiteBuilder.of(store, site).build(SiteBuilder.quiet());
            for (int round = 1; round <= 10; round++) {
                // odd rounds: the next revision of an earlier day; even rounds: a new day
                int p = round % 2 == 1 ? (round * 7) % 30 : 29 + round / 2;
                Page page = pages.get(p);
                imported[p] = Math.min(page.revisions().size(), imported[p] + 1);
                Archives.importFile(
                        store,
                        write(
                                dir.resolve(round + ".xml"),
                                new StringBuilder(head)
                                        .append(page.upTo(imported[p]))
                                        .append("</mediawiki>\n")));
                SiteBuilder change = SiteBuilder.of(store, site);
                BuildSummary s = change.build(SiteBuilder.quiet());
                assertThat(change.plannedTheChangeAlone()).as("round %d", round).isTrue();
                Path full = dir.resolve("full-" + round);
                BuildSummary f = SiteBuilder.of(store, full).build(SiteBuilder.quiet());
                assertThat(s.pages()).as("round %d", round).isEqualTo(f.pages());
                assertThat(s.days()).as("round %d", round).isEqualTo(f.days());
                assertThat(s.written()).as("round %d", round).isLessThan(f.written() / 4);
                assertThat(differences(site, full)).as("round %d", round).isEmpty();
            }
            // and a build of the whole plan after them finds nothing to do
            SiteBuilder whole2 = SiteBuilder.of(store, site).full(true);
            BuildSummary again = whole2.build(SiteBuilder.quiet());
            assertThat(whole2.plannedTheChangeAlone()).isFalse();
            assertThat(again.written()).isZero();
            assertThat(again.deleted()).isZero();
        }
    }

    /**
     * A writer that commits while a change is being drawn (here: as the first topic's events are
     * read) does not reach that build, whose plan and pages are of one snapshot of the archive
     * (a topic page listing an event the plan never saw could not be drawn); the next build
     * takes the commit in, and equals a full build.
     */
    @Test
    void aWriterCommittingWhileAChangeIsDrawnReachesTheNextBuildNotThisOne() throws Exception {
        String title = "Portal:Current events/2017 July %d";
        java.util.function.IntFunction<ExportBuilder> export = extra -> {
            ExportBuilder b = new ExportBuilder();
            for (int d = 1; d <= 4; d++) {
                List<String> lines = new ArrayList<>(List.of(
                        "*The parliament of [[Freedonia]] meets on day " + d + ". [http://a.example/" + d + " (A)]",
                        "*A storm hits [[Ruritania]], day " + d + ". [http://b.example/" + d + " (B)]"));
                b.page(String.format(title, d))
                        .revision(
                                100L * d,
                                "2017-07-0" + d + "T10:00:00Z",
                                "Ann",
                                "new",
                                day(lines.toArray(String[]::new)));
                for (int k = 1; k <= extra && d == 2; k++) {
                    lines.add(
                            "*[[Ruritania]] and [[Freedonia]] meet, round " + k + ". [http://c.example/" + k + " (C)]");
                    b.revision(
                            100L * d + k,
                            "2017-07-02T1" + k + ":00:00Z",
                            "Bob",
                            "+",
                            day(lines.toArray(String[]::new)));
                }
            }
            return b;
        };
        Path db = dir.resolve("archive.db");
        Path site = dir.resolve("site");
        try (ArchiveStore writer = Stores.open(db.toString())) {
            Archives.importFile(writer, export.apply(0).write(dir.resolve("0.xml")));
            try (ArchiveStore reader = Stores.open(db.toString(), org.currents.store.Access.READ, n -> {})) {
                SiteBuilder.of(reader, site).build(SiteBuilder.quiet());
                Archives.importFile(writer, export.apply(1).write(dir.resolve("1.xml")));
                java.util.concurrent.atomic.AtomicBoolean committed = new java.util.concurrent.atomic.AtomicBoolean();
                ArchiveStore meddled = (ArchiveStore) java.lang.reflect.Proxy.newProxyInstance(
                        ArchiveStore.class.getClassLoader(), new Class<?>[] {ArchiveStore.class}, (proxy, m, args) -> {
                            if (m.getName().equals("contextEvents") && committed.compareAndSet(false, true)) {
                                Archives.importFile(writer, export.apply(2).write(dir.resolve("2.xml")));
                            }
                            try {
                                return m.invoke(reader, args);
                            } catch (java.lang.reflect.InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
                SiteBuilder during = SiteBuilder.of(meddled, site);
                BuildSummary s = during.build(SiteBuilder.quiet());
                assertThat(committed).isTrue();
                assertThat(during.plannedTheChangeAlone()).isTrue();
                assertThat(s.failed()).isZero();
                assertThat(site.resolve("news/2017/07/2/ruritania-and-freedonia-meet-round-1.html"))
                        .exists();
                assertThat(site.resolve("news/2017/07/2/ruritania-and-freedonia-meet-round-2.html"))
                        .doesNotExist();
                SiteBuilder after = SiteBuilder.of(reader, site);
                after.build(SiteBuilder.quiet());
                assertThat(after.plannedTheChangeAlone()).isTrue();
                assertThat(site.resolve("news/2017/07/2/ruritania-and-freedonia-meet-round-2.html"))
                        .exists();
                Path full = dir.resolve("full");
                SiteBuilder.of(reader, full).build(SiteBuilder.quiet());
                assertThat(differences(site, full)).isEmpty();
            }
        }
    }

    private static Path write(Path file, CharSequence text) throws IOException {
        Files.writeString(file, text);
        return file;
    }

    /** The files, but the build state, that one site has and the other lacks or holds otherwise. */
    static List<String> differences(Path site, Path other) throws IOException {
        Map<String, String> a = tree(site);
        Map<String, String> b = tree(other);
        java.util.Set<String> files = new java.util.TreeSet<>(a.keySet());
        files.addAll(b.keySet());
        List<String> out = new ArrayList<>();
        for (String f : files) {
            if (!java.util.Objects.equals(a.get(f), b.get(f))) {
                out.add(f);
            }
        }
        return out;
    }

    /** Every file of {@code site} but the build state, each with its hash. */
    static Map<String, String> tree(Path site) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(site)) {
            for (Path p : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator) {
                String f = site.relativize(p).toString();
                if (!f.startsWith(BuildState.FILE + "/")) {
                    out.put(f, BuildState.hash(Files.readAllBytes(p)));
                }
            }
        }
        return out;
    }
}
