package org.currents.source.dump;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.ref.WeakReference;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.currents.model.Revision;
import org.currents.model.WikiPage;
import org.currents.source.DayPageTitle;
import org.currents.source.RevisionSink;
import org.currents.source.Sha1;
import org.currents.source.SourceException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DumpReaderTest {
    private static final String JULY_9 = "Portal:Current events/2017 July 9";
    private static final String JULY_10 = "Portal:Current events/2017 July 10";

    @TempDir
    Path dir;

    enum Packing {
        PLAIN,
        GZIP,
        BZIP2
    }

    @ParameterizedTest(name = "schema {0}, {1}")
    @CsvSource({"0.10, PLAIN", "0.10, GZIP", "0.10, BZIP2", "0.11, PLAIN", "0.11, GZIP", "0.11, BZIP2"})
    void readsEverySchemaAndPackingAlike(String schema, Packing packing) throws IOException {
        Path file = packed(fixture("export-" + schema + ".xml"), packing);

        RecordingSink sink = read(file);

        assertThat(sink.calls)
                .containsExactly(
                        "begin " + JULY_9,
                        "revision 1001",
                        "revision 1002",
                        "revision 1003",
                        "end",
                        "skipped Main Page",
                        "begin " + JULY_10,
                        "revision 1011",
                        "end");
        assertThat(sink.pages)
                .containsExactly(
                        new WikiPage(JULY_9, LocalDate.of(2017, 7, 9), 52770001),
                        new WikiPage(JULY_10, LocalDate.of(2017, 7, 10), 52770002));
        Revision r = sink.revision(1002);
        assertThat(r.parentId()).isEqualTo(1001);
        assertThat(r.timestamp()).isEqualTo(Instant.parse("2017-07-09T04:20:00Z"));
        assertThat(r.contributor()).isEqualTo("192.0.2.7");
        assertThat(r.comment()).isEqualTo("/* Sports */ + Wimbledon & Federer");
        assertThat(r.text()).contains("<!-- All news items below this line -->", "[[Roger Federer]]");
        assertThat(sink.revision(1001).contributor()).isEqualTo("Editor One");
        assertThat(sink.lastBytesRead).isEqualTo(Files.size(file));
    }

    @ParameterizedTest(name = "schema {0}")
    @CsvSource({"0.10", "0.11"})
    void convertsBase36Sha1ToHex(String schema) throws IOException {
        RecordingSink sink = read(fixture("export-" + schema + ".xml"));

        // SHA-1 of revision 1001's text, by Python's hashlib; the export spells it n92gity...
        assertThat(sink.revision(1001).sha1()).isEqualTo("c70e322a7d0499b711025044f556f7f43350e3ce");
        assertThat(sink.revision(1001).sha1())
                .isEqualTo(Sha1.of(sink.revision(1001).text()));
    }

    @ParameterizedTest(name = "schema {0}")
    @CsvSource({"0.10", "0.11"})
    void computesSha1WhenTheExportOmitsIt(String schema) throws IOException {
        RecordingSink sink = read(fixture("export-" + schema + ".xml"));

        assertThat(sink.revision(1002).sha1()).isEqualTo("bed04e2fb24d59c9ad591ac82f798cb449ca7d76");
    }

    @ParameterizedTest(name = "schema {0}")
    @CsvSource({"0.10", "0.11"})
    void marksDeletedTextContributorAndCommentAsHidden(String schema) throws IOException {
        Revision r = read(fixture("export-" + schema + ".xml")).revision(1003);

        assertThat(r.textHidden()).isTrue();
        assertThat(r.text()).isEmpty();
        assertThat(r.sha1()).as("no digest of text nobody can see").isEmpty();
        assertThat(r.contributor()).isEmpty();
        assertThat(r.comment()).isEmpty();
        assertThat(r.parentId()).isEqualTo(1002);
    }

    @Test
    void takesTheMainSlotTextNotAnotherSlots() throws IOException {
        Revision r = read(fixture("export-0.11.xml")).revision(1011);

        assertThat(r.text()).startsWith("{{Current events|year=2017|month=07|day=10|content=");
        assertThat(r.sha1()).isEqualTo("d91246e0e6483a8aed92947c8792ac6a25be34ad");
    }

    @Test
    void skipsPagesThatAreNotDayPagesAndSaysWhichAndWhy() throws IOException {
        RecordingSink sink = read(fixture("odd-titles.xml"));

        assertThat(sink.skipped)
                .containsExactly(
                        "Portal:Current events/2017 February 30",
                        "Portal:Current events/Sidebar",
                        "Portal:Current events/2017 July");
        assertThat(DayPageTitle.problem("Portal:Current events/2017 February 30"))
                .startsWith("impossible date in title \"Portal:Current events/2017 February 30\"")
                .contains("February 30");
        assertThat(DayPageTitle.problem("Portal:Current events/Sidebar")).isNull();
        assertThat(sink.revisions).extracting(Revision::id).doesNotContain(2001L, 2002L, 2003L);
    }

    @Test
    void keepsEveryRevisionOfADayPageThatIsNowARedirect() throws IOException {
        // The <redirect> element describes the page's latest revision only: its earlier
        // revisions are real day pages whose events must not be lost.
        RecordingSink sink = read(fixture("odd-titles.xml"));

        assertThat(sink.calls)
                .containsSubsequence(
                        "begin Portal:Current events/2017 July 11", "revision 2011", "revision 2012", "end");
        assertThat(sink.revision(2011).text()).contains("[[Montana]]");
        assertThat(sink.revision(2012).text()).startsWith("#REDIRECT");
    }

    @Test
    void readsUnderscoresInTitlesAsSpaces() throws IOException {
        RecordingSink sink = read(fixture("odd-titles.xml"));

        assertThat(sink.pages)
                .extracting(WikiPage::title, WikiPage::day)
                .contains(org.assertj.core.groups.Tuple.tuple(
                        "Portal:Current events/2017 July 12", LocalDate.of(2017, 7, 12)));
    }

    @Test
    void readsNothingFromAnotherWiki() throws IOException {
        RecordingSink sink = read(fixture("other-wiki.xml"));

        assertThat(sink.pages).isEmpty();
        assertThat(sink.revisions).isEmpty();
        assertThat(sink.skipped).containsExactly("Wikipedia:Hauptseite", "Portal:Aktuelles/2017 Juli 9", "Berlin");
    }

    /** How a broken copy of export-0.11.xml is made, and where the error must point. */
    enum Breakage {
        TRUNCATED_PLAIN("the file ends early (truncated?)", JULY_10),
        TRUNCATED_GZIP("the file ends early (truncated?)", JULY_10),
        INVALID_UTF8("invalid UTF-8", JULY_10),
        NOT_XML("malformed XML", null),
        BINARY("malformed XML", null),
        WRONG_ROOT("not a MediaWiki export (root element <html>, expected <mediawiki>)", null),
        EMPTY("the file ends early (truncated?)", null);

        final String what;
        final String page;

        Breakage(String what, String page) {
            this.what = what;
            this.page = page;
        }
    }

    @ParameterizedTest
    @CsvSource({
        "TRUNCATED_PLAIN, 'malformed XML at line ', ', column '",
        "TRUNCATED_GZIP, 'malformed XML at line ', ', column '",
        "INVALID_UTF8, 'invalid UTF-8 at line 107, column ', '): byte 0xC3 at byte 4196 is not UTF-8'",
        "NOT_XML, 'malformed XML at line 1, column ', ''",
        "BINARY, 'malformed XML at line 1, column ', ''",
        "WRONG_ROOT, 'not a MediaWiki export', 'at line 1, column '",
        "EMPTY, 'malformed XML', ''",
    })
    void reportsABrokenFileWithItsNamePositionAndPage(Breakage breakage, String head, String position)
            throws IOException {
        Path file = broken(breakage);
        RecordingSink sink = new RecordingSink();

        SourceException e = catchSourceQuietly(file, sink);

        assertThat(e.getMessage()).startsWith(file + ": ").contains(head).contains(position);
        assertThat(e.getMessage()).contains(breakage.what);
        assertThat(e.getMessage()).doesNotContain("\n");
        if (breakage.page != null) {
            assertThat(e.getMessage()).contains("(in page \"" + breakage.page + "\")");
            // the page before is complete; the one that broke has begun but not ended
            assertThat(sink.calls)
                    .startsWith("begin " + JULY_9, "revision 1001", "revision 1002", "revision 1003", "end")
                    .endsWith("begin " + JULY_10);
        } else {
            assertThat(sink.pages).isEmpty();
            assertThat(e.getMessage()).doesNotContain("in page");
        }
    }

    @Test
    void reportsATruncatedBzip2FileInThePageThatBroke() throws IOException {
        // bzip2 unpacks whole blocks (100 kB at level 1): a cut loses the last block, and the
        // error points to the page where what could be unpacked ends
        Path plain = dir.resolve("many.xml");
        writeExport(plain, 4, 10, 10_000);
        byte[] packed = bzip2(Files.readAllBytes(plain), 1);
        Path file = Files.write(dir.resolve("cut.xml.bz2"), java.util.Arrays.copyOf(packed, packed.length * 2 / 3));
        RecordingSink sink = new RecordingSink();

        SourceException e = catchSource(file, sink);

        String page = sink.pages.get(sink.pages.size() - 1).title();
        assertThat(e.getMessage())
                .matches(java.util.regex.Pattern.quote(file.toString())
                        + ": malformed XML at line \\d+, column \\d+ \\(in page \""
                        + java.util.regex.Pattern.quote(page) + "\"\\): the file ends early \\(truncated\\?\\)");
        assertThat(sink.calls.subList(sink.calls.lastIndexOf("begin " + page), sink.calls.size()))
                .as("the page that broke never ends")
                .doesNotContain("end");
        assertThat(sink.pages).hasSizeGreaterThan(1);
    }

    @Test
    void readsAnExportThatStartsWithAByteOrderMark() throws IOException {
        byte[] xml = Files.readAllBytes(fixture("export-0.10.xml"));
        byte[] withBom = new byte[xml.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(xml, 0, withBom, 3, xml.length);

        RecordingSink sink = read(Files.write(dir.resolve("bom.xml"), withBom));

        assertThat(sink.revisions).extracting(Revision::id).containsExactly(1001L, 1002L, 1003L, 1011L);
    }

    @Test
    void refusesADoctypeWithAnExternalEntity() throws IOException {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET-42");
        String xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE mediawiki [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>\n"
                + Files.readString(fixture("export-0.11.xml")).replace("Creating day page", "&xxe;");
        Path file = Files.writeString(dir.resolve("xxe.xml"), xml);
        RecordingSink sink = new RecordingSink();

        SourceException e = catchSource(file, sink);

        assertThat(e.getMessage())
                .startsWith(file + ": a DOCTYPE declaration is refused (MediaWiki exports have none; its entities could"
                        + " read local files) at line 2, column ");
        assertThat(sink.revisions).isEmpty();
    }

    @Test
    void refusesADoctypeWithAnExternalSubsetWithoutFetchingIt() throws IOException {
        String xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE mediawiki SYSTEM \"http://192.0.2.1/evil.dtd\">\n"
                + Files.readString(fixture("export-0.11.xml"));
        Path file = Files.writeString(dir.resolve("dtd.xml"), xml);

        SourceException e = catchSource(file, new RecordingSink());

        assertThat(e.getMessage()).startsWith(file + ": a DOCTYPE declaration is refused");
    }

    @Test
    void refusesAnEntityExpansionBomb() throws IOException {
        String xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE mediawiki [<!ENTITY a \"aaaaaaaaaa\">"
                + "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>\n"
                + Files.readString(fixture("export-0.11.xml")).replace("Creating day page", "&c;");
        Path file = Files.writeString(dir.resolve("bomb.xml"), xml);

        SourceException e = catchSource(file, new RecordingSink());

        assertThat(e.getMessage()).startsWith(file + ": a DOCTYPE declaration is refused");
    }

    @Test
    void usesTheJdkXmlReaderWhateverProviderIsConfigured() {
        // another StAX provider on the class path (Woodstox comes with some libraries) is found
        // the same way as this property names one
        String key = "javax.xml.stream.XMLInputFactory";
        String before = System.getProperty(key);
        System.setProperty(key, "com.example.NoSuchXmlInputFactory");
        try {
            assertThat(DumpReader.newFactory().getClass().getName()).startsWith("com.sun.xml.internal.stream.");
        } finally {
            if (before == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, before);
            }
        }
    }

    /** Issue 12: a hostile file's 5 MB value becomes a short quote, not a 5 MB message. */
    @Test
    void quotesAHugeBadValueShortlyAndOnce() throws IOException {
        String huge = "2017-" + "x".repeat(5 << 20);
        String xml = Files.readString(fixture("export-0.11.xml"))
                .replaceFirst("<timestamp>[^<]*</timestamp>", "<timestamp>" + huge + "</timestamp>");
        Path file = Files.writeString(dir.resolve("huge.xml"), xml);

        SourceException e = catchSource(file, new RecordingSink());

        assertThat(e.getMessage())
                .hasSizeLessThan(400)
                .contains("timestamp is not ISO-8601: \"2017-xxx")
                .contains("…\" (" + huge.length() + " characters)");
    }

    @Test
    void saysARevisionIdIsNegativeRatherThanMissing() throws IOException {
        String xml = Files.readString(fixture("export-0.11.xml")).replaceFirst("(<revision>\\s*<id>)\\d+", "$1-42");
        Path file = Files.writeString(dir.resolve("negative.xml"), xml);

        SourceException e = catchSource(file, new RecordingSink());

        assertThat(e.getMessage()).contains("revision id must be a positive number: -42");
    }

    @Test
    void saysWhichFileIsMissing() {
        Path file = dir.resolve("nowhere.xml");

        assertThatThrownBy(() -> DumpReader.of(file).readInto(new RecordingSink()))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining(file.toString());
    }

    @Test
    void holdsNoRevisionAfterHandingItOn() throws IOException {
        // Flat memory means the reader keeps nothing of a revision once the sink has it: the
        // sink below keeps only weak references, and each must be collectable by the end.
        // (Memory under -Xmx on a 500 MB export is measured by the benchmark, bench/import.md.)
        Path file = dir.resolve("many.xml");
        writeExport(file, 3, 50, 20_000);
        List<WeakReference<Revision>> seen = new ArrayList<>();
        int[] counts = new int[3];
        RevisionSink counting = new RevisionSink() {
            @Override
            public void beginPage(WikiPage page) {
                counts[0]++;
            }

            @Override
            public void revision(Revision revision) {
                counts[1]++;
                seen.add(new WeakReference<>(revision));
            }

            @Override
            public void endPage() {
                counts[2]++;
            }
        };

        DumpReader.of(file).readInto(counting);

        assertThat(counts).containsExactly(3, 150, 3);
        for (int k = 0; k < 10 && seen.stream().anyMatch(w -> w.get() != null); k++) {
            System.gc();
        }
        assertThat(seen.stream().filter(w -> w.get() != null).count())
                .as("revisions still reachable after the read")
                .isZero();
    }

    @Test
    void describesItselfByItsFile() {
        assertThat(DumpReader.of(Path.of("dumps", "x.xml.bz2")).describe())
                .isEqualTo(Path.of("dumps", "x.xml.bz2").toString());
    }

    // ---- helpers

    static Path fixture(String name) {
        try {
            return Path.of(DumpReaderTest.class.getResource("/source/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new AssertionError("missing fixture " + name, e);
        }
    }

    private static RecordingSink read(Path file) throws IOException {
        RecordingSink sink = new RecordingSink();
        DumpReader.of(file).readInto(sink);
        return sink;
    }

    private static SourceException catchSource(Path file, RevisionSink sink) {
        try {
            DumpReader.of(file).readInto(sink);
        } catch (SourceException e) {
            return e;
        } catch (IOException e) {
            throw new AssertionError("expected a SourceException, got " + e, e);
        }
        throw new AssertionError("reading " + file + " did not fail");
    }

    /** Like {@link #catchSource}, and nothing may go to System.err: the exception is the one report. */
    private static SourceException catchSourceQuietly(Path file, RevisionSink sink) {
        java.io.PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(captured, true, UTF_8));
        try {
            return catchSource(file, sink);
        } finally {
            System.setErr(stderr);
            assertThat(captured.toString(UTF_8)).as("printed to System.err").isEmpty();
        }
    }

    private Path packed(Path plain, Packing packing) throws IOException {
        byte[] bytes = Files.readAllBytes(plain);
        String name = plain.getFileName().toString();
        return switch (packing) {
            case PLAIN -> plain;
            // no telling suffix: the reader must go by the magic bytes
            case GZIP -> Files.write(dir.resolve(name + ".packed"), gzip(bytes));
            case BZIP2 -> Files.write(dir.resolve(name + ".packed"), bzip2(bytes));
        };
    }

    private Path broken(Breakage breakage) throws IOException {
        byte[] xml = Files.readAllBytes(fixture("export-0.11.xml"));
        // inside the text of the second day page, after its title has been read
        int inJuly10 = indexOf(xml, "KC-130T".getBytes(UTF_8));
        Path file = dir.resolve(breakage.name().toLowerCase() + ".xml");
        byte[] out =
                switch (breakage) {
                    case TRUNCATED_PLAIN -> java.util.Arrays.copyOf(xml, inJuly10);
                    case TRUNCATED_GZIP -> truncatedPacked(gzip(xml), Packing.GZIP, inJuly10);
                    case INVALID_UTF8 -> {
                        byte[] copy = xml.clone();
                        copy[inJuly10] = (byte) 0xC3; // a lead byte followed by '(' is no UTF-8
                        copy[inJuly10 + 1] = '(';
                        yield copy;
                    }
                    case NOT_XML -> "This is not XML, just a note someone saved as dump.xml\n".getBytes(UTF_8);
                    case BINARY -> new byte[] {'P', 'K', 3, 4, 20, 0, 0, 0, 8, 0, (byte) 0x93, 0x6d};
                    case WRONG_ROOT -> "<html><body>Not Found</body></html>\n".getBytes(UTF_8);
                    case EMPTY -> new byte[0];
                };
        return Files.write(file, out);
    }

    /**
     * The shortest prefix of {@code packed} that unpacks to more than {@code atLeast} bytes:
     * a download cut off while the second page was on its way.
     */
    private static byte[] truncatedPacked(byte[] packed, Packing packing, int atLeast) {
        for (int n = 16; n < packed.length; n += 8) {
            byte[] cut = java.util.Arrays.copyOf(packed, n);
            if (unpackedLength(cut, packing) > atLeast) {
                return cut;
            }
        }
        throw new AssertionError("no prefix unpacks past " + atLeast);
    }

    private static int unpackedLength(byte[] cut, Packing packing) {
        int total = 0;
        try (InputStream in = packing == Packing.GZIP
                ? new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(cut))
                : new org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream(
                        new java.io.ByteArrayInputStream(cut))) {
            byte[] buf = new byte[4096];
            int n;
            while ((n = in.read(buf)) > 0) {
                total += n;
            }
        } catch (IOException expected) {
            // the stream ends early: what came out before is what counts
        }
        return total;
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }

    static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(buf)) {
            out.write(bytes);
        }
        return buf.toByteArray();
    }

    static byte[] bzip2(byte[] bytes) throws IOException {
        return bzip2(bytes, BZip2CompressorOutputStream.MAX_BLOCKSIZE);
    }

    static byte[] bzip2(byte[] bytes, int blockSize) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (OutputStream out = new BZip2CompressorOutputStream(buf, blockSize)) {
            out.write(bytes);
        }
        return buf.toByteArray();
    }

    /** An export of {@code pages} day pages with {@code revisions} revisions of about {@code size} chars each. */
    static void writeExport(Path file, int pages, int revisions, int size) throws IOException {
        StringBuilder text = new StringBuilder();
        while (text.length() < size) {
            text.append("*An event happens in [[Somewhere]]. [http://example.org/")
                    .append(text.length())
                    .append(" (Example)]\n");
        }
        try (var w = Files.newBufferedWriter(file)) {
            w.write("<mediawiki xmlns=\"http://www.mediawiki.org/xml/export-0.11/\" version=\"0.11\">\n");
            long id = 1;
            for (int p = 0; p < pages; p++) {
                w.write("<page><title>" + DayPageTitle.of(LocalDate.of(2020, 1, 1 + p)) + "</title><ns>100</ns><id>"
                        + (p + 1) + "</id>\n");
                for (int r = 0; r < revisions; r++) {
                    w.write("<revision><id>" + id++ + "</id><timestamp>2020-01-0" + (1 + p) + "T00:00:" + (10 + r % 50)
                            + "Z</timestamp><contributor><ip>192.0.2.1</ip></contributor><text>" + r + text
                            + "</text></revision>\n");
                }
                w.write("</page>\n");
            }
            w.write("</mediawiki>\n");
        }
    }
}
