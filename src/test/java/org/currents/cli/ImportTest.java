package org.currents.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.currents.model.Event;
import org.currents.model.Revision;
import org.currents.model.WikiPage;
import org.currents.source.RevisionSink;
import org.currents.source.dump.DumpReader;
import org.currents.store.ArchiveStore;
import org.currents.store.Observation;
import org.currents.store.PageState;
import org.currents.store.StoredPage;
import org.currents.store.StoredRevision;
import org.currents.store.Stores;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The import spine end to end: exports through {@code currents import} into an archive. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImportTest {
    private static final String[] SMALL = {"--preset", "small"};

    @TempDir
    Path dir;

    private Path small;
    private Path smallDb;
    private Cli.Run smallImport;

    @BeforeAll
    void importTheSmallPreset() throws IOException {
        small = GenCorpus.export(SMALL);
        smallDb = Files.createTempDirectory("currents-import-test").resolve("small.db");
        smallImport = Cli.expect(0, "import", "--db", smallDb.toString(), small.toString());
    }

    @Test
    void importsEveryRevisionOfTheSmallPreset() throws IOException {
        Map<Long, List<JsonNode>> truth = GenCorpus.truth(SMALL);

        assertThat(smallImport.out())
                .startsWith(small + ": 16 day pages; revisions: 640 new, 0 already known; ")
                .contains("; 0 other pages skipped\n");
        assertThat(stats(smallDb).get("pages").asLong()).isEqualTo(16);
        assertThat(stats(smallDb).get("revisions").asLong())
                .isEqualTo(truth.size())
                .isEqualTo(640);
        try (ArchiveStore store = Stores.open(smallDb.toString())) {
            List<Long> stored = new ArrayList<>();
            for (StoredPage p : store.pages()) {
                store.pageState(p.id()).revisions().forEach(r -> stored.add(r.id()));
            }
            assertThat(stored).containsExactlyInAnyOrderElementsOf(truth.keySet());
        }
    }

    /**
     * The steps after the last page, which take seconds on a large archive, say what they do and
     * how long they took; a second import into the archive keeps its search current as it goes,
     * so has no search step to announce.
     */
    @Test
    void saysWhatItDoesAfterTheLastPageAndHowLongItTook() throws IOException {
        assertThat(smallImport.err())
                .contains(small.getFileName() + ": looking for events moved between days ...")
                .containsPattern("import: indexing contexts and related events: \\d+\\.\\d s")
                .containsPattern("import: building the search index: \\d+\\.\\d s");
        Cli.Run again = Cli.expect(0, "import", "--db", smallDb.toString(), small.toString());
        assertThat(again.err())
                .contains("import: indexing contexts and related events")
                .doesNotContain("building the search index");
    }

    @Test
    void observesAsManySourcedEventsPerRevisionAsTheGroundTruth() throws IOException {
        Map<Long, List<JsonNode>> truth = GenCorpus.truth(SMALL);
        Map<Long, Integer> observed = new HashMap<>();
        try (ArchiveStore store = Stores.open(smallDb.toString())) {
            for (StoredPage p : store.pages()) {
                PageState state = store.pageState(p.id());
                state.revisions().forEach(r -> observed.put(r.id(), 0));
                for (Observation o : state.observations()) {
                    if (!state.bullets().get(o.bulletKey()).unsourced()) {
                        observed.merge(o.revisionId(), 1, Integer::sum);
                    }
                }
            }
        }

        Map<Long, Integer> expected = new LinkedHashMap<>();
        Map<Long, Integer> actual = new LinkedHashMap<>();
        truth.forEach((rev, events) -> {
            if (events != null) { // broken markup: no defined answer
                expected.put(rev, events.size());
                actual.put(rev, observed.get(rev));
            }
        });
        assertThat(actual).isEqualTo(expected);
        assertThat(expected.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(13_327);
    }

    /** Issue 12: the summary counts what stats counts, not the events and versions of reverted vandalism. */
    @Test
    void theSummaryCountsTheEventsAndVersionsThatStatsCounts() throws IOException {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("; ([\\d,]+) new events, ([\\d,]+) versions, ")
                .matcher(smallImport.out());
        assertThat(m.find()).as(smallImport.out()).isTrue();
        JsonNode stats = stats(smallDb);

        assertThat(stats.get("revisions_reverted").asLong())
                .as("the preset holds reverted vandalism")
                .isPositive();
        assertThat(Long.parseLong(m.group(1).replace(",", "")))
                .isEqualTo(stats.get("events").asLong());
        assertThat(Long.parseLong(m.group(2).replace(",", "")))
                .isEqualTo(stats.get("versions").asLong());
    }

    @Test
    void reimportingTheSameFileAddsNothing() throws IOException {
        Path db = dir.resolve("again.db");
        Files.copy(smallDb, db);
        String before = Cli.expect(0, "stats", "--json", "--db", db.toString()).out();

        Cli.Run again = Cli.expect(0, "import", "--db", db.toString(), small.toString());

        assertThat(again.out()).startsWith(small + ": 16 day pages; revisions: 0 new, 640 already known; 0 events");
        assertThat(Cli.expect(0, "stats", "--json", "--db", db.toString()).out())
                .isEqualTo(before);
    }

    @Test
    void aLaterFileAddsOnlyItsNewerRevisions() throws IOException {
        // gen_corpus.py --revisions 15 is NOT the first 15 revisions of --revisions 30 (same
        // seed): the page grows towards its final size over R revisions, and revision ids of
        // later pages shift. So the earlier file is cut out of the later one, and checked.
        String[] args = {"--pages", "3", "--revisions", "30", "--seed", "11"};
        Path later = GenCorpus.export(args);
        Path earlier =
                Files.writeString(dir.resolve("earlier.xml"), Exports.firstRevisions(Files.readString(later), 15));
        Map<String, List<String>> early = revisionsByPage(earlier);
        Map<String, List<String>> late = revisionsByPage(later);
        assertThat(early.keySet()).containsExactlyElementsOf(late.keySet()).hasSize(3);
        early.forEach((page, revs) -> {
            assertThat(revs).hasSize(15);
            assertThat(late.get(page).subList(0, 15)).as(page).isEqualTo(revs);
        });
        Path stepwise = dir.resolve("stepwise.db");
        Path oneGo = dir.resolve("one-go.db");

        Cli.Run first = Cli.expect(0, "import", "--db", stepwise.toString(), earlier.toString());
        Cli.Run second = Cli.expect(0, "import", "--db", stepwise.toString(), later.toString());
        Cli.expect(0, "import", "--db", oneGo.toString(), later.toString());

        assertThat(first.out()).startsWith(earlier + ": 3 day pages; revisions: 45 new, 0 already known; ");
        assertThat(second.out()).startsWith(later + ": 3 day pages; revisions: 45 new, 45 already known; ");
        assertThat(stats(stepwise).get("revisions").asLong()).isEqualTo(90);
        assertThat(statsText(stepwise)).isEqualTo(statsText(oneGo));
        assertThat(events(stepwise)).isEqualTo(events(oneGo));
    }

    /** How a copy of a generated export is broken inside its third page. */
    enum Breakage {
        TRUNCATED,
        TRUNCATED_GZIP,
        INVALID_UTF8
    }

    @ParameterizedTest
    @EnumSource(Breakage.class)
    void aBrokenFileLeavesTheArchiveAsItWasBeforeThePageThatBroke(Breakage breakage) throws IOException {
        String xml = Files.readString(GenCorpus.export("--pages", "4", "--revisions", "6", "--seed", "13"));
        String third = Exports.pages(xml).get(2);
        String thirdTitle = third.substring(third.indexOf("<title>") + 7, third.indexOf("</title>"));
        int inThird = xml.indexOf(third) + third.indexOf("<text") + 200;
        Path broken = Files.write(dir.resolve("broken.xml"), broken(xml.getBytes(UTF_8), inThird, breakage));
        Path firstTwo = Files.writeString(dir.resolve("first-two.xml"), Exports.firstPages(xml, 2));
        Path db = dir.resolve("broken.db");
        Path expected = dir.resolve("expected.db");
        Cli.expect(0, "import", "--db", expected.toString(), firstTwo.toString());

        Cli.Run r = Cli.expect(1, "import", "--db", db.toString(), broken.toString());

        String why = breakage == Breakage.INVALID_UTF8 ? "invalid UTF-8" : "malformed XML";
        String what = breakage == Breakage.INVALID_UTF8 ? ".+" : "the file ends early \\(truncated\\?\\)";
        assertThat(lastLine(r.err()))
                .matches("currents: " + quote(broken) + ": " + why + " at line \\d+, column \\d+ \\(in page \""
                        + quote(thirdTitle) + "\"\\): " + what);
        assertThat(r.err().lines().filter(l -> l.startsWith("currents:"))).hasSize(1);
        assertThat(r.out())
                .startsWith(broken + ": 2 day pages; revisions: 12 new, 0 already known; ")
                .contains("  note: page \"" + thirdTitle + "\" not imported: the input broke inside it\n");
        assertThat(statsText(db)).isEqualTo(statsText(expected));
        assertThat(pageTitles(db)).isEqualTo(pageTitles(expected)).hasSize(2).doesNotContain(thirdTitle);
        assertThat(events(db)).isEqualTo(events(expected));
    }

    @Test
    void aFileThatIsNotXmlImportsNothingAndSaysWhy() throws IOException {
        Path notXml = Files.writeString(dir.resolve("notes.xml"), "Remember to download the dump tonight.\n");
        Path db = dir.resolve("a.db");

        Cli.Run r = Cli.expect(1, "import", "--db", db.toString(), notXml.toString());

        assertThat(lastLine(r.err()))
                .isEqualTo("currents: " + notXml + ": malformed XML at line 1, column 1: Content is not allowed in"
                        + " prolog.");
        assertThat(stats(db).get("pages").asLong()).isZero();
        assertThat(stats(db).get("revisions").asLong()).isZero();
    }

    /**
     * Issue 12, defect 7: a corrupt compressed file among several names itself and where it broke,
     * gets its summary, and the files after it are still imported.
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"bz2", "gz"})
    void aCorruptCompressedFileAmongOthersIsNamedAndTheOthersAreImported(String packing) throws IOException {
        byte[] xml = Files.readAllBytes(resource("export-0.11.xml"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (var out = packing.equals("gz")
                ? new GZIPOutputStream(bytes)
                : new org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream(bytes)) {
            out.write(xml);
        }
        byte[] packed = bytes.toByteArray();
        for (int i = 12; i < 40; i++) {
            packed[i] ^= 0x5a; // inside the first compressed block, past the magic bytes
        }
        Path corrupt = Files.write(dir.resolve("corrupt.xml." + packing), packed);
        Path good = resource("export-0.10.xml");
        Path db = dir.resolve("a.db");

        Cli.Run r = Cli.expect(1, "import", "--db", db.toString(), corrupt.toString(), good.toString());

        String format = packing.equals("gz") ? "gzip" : "bzip2";
        assertThat(r.out())
                .contains(corrupt + ": 0 day pages;")
                .containsPattern("  stopped: " + java.util.regex.Pattern.quote(corrupt.toString()) + ": corrupt "
                        + format + " data near byte \\d+ of " + packed.length + ": ")
                .contains(good + ": 2 day pages;");
        assertThat(r.err()).contains("currents: " + corrupt + ": corrupt " + format + " data near byte ");
        assertThat(stats(db).get("pages").asLong()).isEqualTo(2);
    }

    @Test
    void aDumpOfAnotherWikiImportsNothingAndSaysSo() throws IOException {
        Path db = dir.resolve("a.db");

        Cli.Run r = Cli.expect(
                0, "import", "--db", db.toString(), resource("other-wiki.xml").toString());

        assertThat(r.out())
                .contains(": 0 day pages; revisions: 0 new, 0 already known; ")
                .contains("; 3 other pages skipped\n")
                .endsWith("  note: no Current events day page in this file (3 other pages): nothing imported;"
                        + " is it an export of another wiki?\n");
        assertThat(stats(db).get("pages").asLong()).isZero();
    }

    @Test
    void skipsImpossibleDatesAndSaysWhy() throws IOException {
        Path db = dir.resolve("a.db");

        Cli.Run r = Cli.expect(
                0, "import", "--db", db.toString(), resource("odd-titles.xml").toString());

        assertThat(r.out())
                .contains(": 2 day pages; revisions: 3 new, 0 already known; ")
                .contains("; 3 other pages skipped (1 with a day in a title that is not a day page's)\n")
                .contains("  note: impossible date in title \"Portal:Current events/2017 February 30\": Invalid date"
                        + " 'FEBRUARY 30': page skipped\n");
        assertThat(pageTitles(db))
                .containsExactly("Portal:Current events/2017 July 11", "Portal:Current events/2017 July 12");
    }

    /**
     * Issue 12, defect 9: copies of a day page under non-canonical titles (zero-padded day, ISO
     * date, year 0000) are not that day again: skipped, counted, and said why.
     */
    @Test
    void onlyTheCanonicalTitleIsADayPageTheOthersAreSkippedAndCounted() throws IOException {
        String xml = Files.readString(resource("export-0.11.xml"), UTF_8);
        String page = xml.substring(xml.indexOf("  <page>"), xml.indexOf("  </page>") + "  </page>\n".length());
        StringBuilder copies = new StringBuilder();
        long id = 7001;
        for (String odd : List.of("2017 July 09", "2017-07-09", "0000 July 9")) {
            String copy = page.replace("2017 July 9</title>", odd + "</title>");
            // other page and revision ids: a different page of the wiki
            for (String rev : List.of("1001", "1002", "1003")) {
                copy = copy.replace("<id>" + rev + "</id>", "<id>" + id++ + "</id>");
            }
            copies.append(copy.replace("<id>52770001</id>", "<id>" + id++ + "</id>"));
        }
        int end = xml.indexOf("  </page>\n") + "  </page>\n".length();
        String all = xml.substring(0, end) + copies + xml.substring(end);
        Path file = Files.writeString(dir.resolve("odd-copies.xml"), all, UTF_8);
        Path db = dir.resolve("a.db");

        Cli.Run r = Cli.expect(0, "import", "--db", db.toString(), file.toString());

        assertThat(r.out())
                .contains(": 2 day pages; revisions: 4 new")
                .contains("; 4 other pages skipped (3 with a day in a title that is not a day page's)\n")
                .contains(
                        "  note: not the canonical title of a day page: \"Portal:Current events/2017 July 09\" (the day"
                                + " page of 2017-07-09 is \"Portal:Current events/2017 July 9\"): page skipped\n")
                .contains("  note: not the canonical title of a day page: \"Portal:Current events/2017-07-09\"")
                .contains("  note: not the canonical title of a day page: \"Portal:Current events/0000 July 9\"");
        assertThat(pageTitles(db))
                .containsExactly("Portal:Current events/2017 July 9", "Portal:Current events/2017 July 10");
    }

    @Test
    void importsBothSchemasAndDeletedRevisions() throws IOException {
        Path db = dir.resolve("a.db");

        Cli.expect(
                0, "import", "--db", db.toString(), resource("export-0.10.xml").toString());
        Cli.Run again = Cli.expect(
                0, "import", "--db", db.toString(), resource("export-0.11.xml").toString());

        assertThat(again.out()).startsWith(resource("export-0.11.xml") + ": 2 day pages; revisions: 0 new, 4 already");
        JsonNode stats = stats(db);
        assertThat(stats.get("revisions").asLong()).isEqualTo(4);
        assertThat(stats.get("revisions_hidden").asLong()).isEqualTo(1);
        assertThat(stats.get("events_current").asLong()).isEqualTo(3);
    }

    @Test
    void ignoresTheSecondCopyOfARevisionId() throws IOException {
        Path db = dir.resolve("a.db");

        Cli.Run r = Cli.expect(
                0, "import", "--db", db.toString(), resource("duplicates.xml").toString());

        assertThat(r.out())
                .contains(": 2 day pages; revisions: 3 new, 0 already known, 2 duplicate; ")
                .contains("  note: revision 4002 appears twice in the input: the second copy is ignored\n")
                .contains("  note: revision 4001 appears twice in the input: the second copy is ignored\n");
        assertThat(stats(db).get("revisions").asLong()).isEqualTo(3);
        try (ArchiveStore store = Stores.open(db.toString())) {
            assertThat(store.knownRevisions(List.of(4001L, 4002L, 4011L)).values())
                    .containsExactly(
                            store.page(page("2017 July 9")),
                            store.page(page("2017 July 9")),
                            store.page(page("2017 July 10")));
        }
    }

    @Test
    void importsABlankedRevisionAndItsRevert() throws IOException {
        Path db = dir.resolve("a.db");

        Cli.expect(
                0, "import", "--db", db.toString(), resource("empty-text.xml").toString());

        JsonNode stats = stats(db);
        assertThat(stats.get("revisions").asLong()).isEqualTo(3);
        assertThat(stats.get("revisions_reverted").asLong())
                .as("the blanking, undone")
                .isEqualTo(1);
        assertThat(stats.get("observed_events").asLong()).isEqualTo(2);
        assertThat(stats.get("events_current").asLong()).isEqualTo(1);
        assertThat(stats.get("events_removed").asLong()).isZero();
        try (ArchiveStore store = Stores.open(db.toString())) {
            StoredRevision blank = store.pageState(1).revisions().get(1);
            assertThat(blank.id()).isEqualTo(5002);
            assertThat(blank.sha1()).isEqualTo("da39a3ee5e6b4b0d3255bfef95601890afd80709");
            assertThat(blank.eventCount()).isZero();
        }
    }

    @Test
    void keepsWikitextOnlyWhenAsked() throws IOException, SQLException {
        Path without = dir.resolve("without.db");
        Path with = dir.resolve("with.db");

        Cli.expect(
                0,
                "import",
                "--db",
                without.toString(),
                resource("export-0.11.xml").toString());
        Cli.expect(
                0,
                "import",
                "--keep-wikitext",
                "--db",
                with.toString(),
                resource("export-0.11.xml").toString());

        assertThat(wikitextRows(without)).isZero();
        assertThat(wikitextRows(with)).isEqualTo(4);
    }

    // ---- helpers

    private static WikiPage page(String day) {
        String title = "Portal:Current events/" + day;
        return new WikiPage(title, org.currents.source.DayPageTitle.parse(title).orElseThrow(), 0);
    }

    private static long wikitextRows(Path db) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM wikitext")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static JsonNode stats(Path db) throws IOException {
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(statsText(db));
    }

    private static String statsText(Path db) {
        return Cli.expect(0, "stats", "--json", "--db", db.toString()).out();
    }

    private static List<String> pageTitles(Path db) {
        try (ArchiveStore store = Stores.open(db.toString())) {
            return store.pages().stream().map(StoredPage::title).toList();
        }
    }

    private static List<Event> events(Path db) {
        List<Event> out = new ArrayList<>();
        try (ArchiveStore store = Stores.open(db.toString())) {
            store.forEachEvent(out::add);
        }
        return out;
    }

    /** Each page's revisions as "id sha1", read back through the dump reader. */
    private static Map<String, List<String>> revisionsByPage(Path export) throws IOException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        DumpReader.of(export).readInto(new RevisionSink() {
            private List<String> current;

            @Override
            public void beginPage(WikiPage page) {
                current = out.computeIfAbsent(page.title(), k -> new ArrayList<>());
            }

            @Override
            public void revision(Revision r) {
                current.add(r.id() + " " + r.sha1());
            }

            @Override
            public void endPage() {}
        });
        return out;
    }

    private static byte[] broken(byte[] xml, int at, Breakage breakage) throws IOException {
        return switch (breakage) {
            case TRUNCATED -> java.util.Arrays.copyOf(xml, at);
            case TRUNCATED_GZIP -> truncatedGzip(xml, at);
            case INVALID_UTF8 -> {
                byte[] copy = xml.clone();
                copy[at] = (byte) 0xFF; // never part of UTF-8
                yield copy;
            }
        };
    }

    /** The shortest prefix of the gzipped {@code xml} that unpacks past {@code at}. */
    private static byte[] truncatedGzip(byte[] xml, int at) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(buf)) {
            gz.write(xml);
        }
        byte[] packed = buf.toByteArray();
        int lo = 16;
        int hi = packed.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (unpacked(java.util.Arrays.copyOf(packed, mid)) > at) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return java.util.Arrays.copyOf(packed, lo);
    }

    private static long unpacked(byte[] cut) {
        long total = 0;
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(cut))) {
            byte[] b = new byte[8192];
            int n;
            while ((n = in.read(b)) > 0) {
                total += n;
            }
        } catch (IOException expected) {
            // cut short: what came out before counts
        }
        return total;
    }

    private static String lastLine(String text) {
        List<String> lines = text.lines().toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }

    private static String quote(Object o) {
        return java.util.regex.Pattern.quote(o.toString());
    }

    private static Path resource(String name) {
        return CliTest.resource("/source/" + name);
    }
}
