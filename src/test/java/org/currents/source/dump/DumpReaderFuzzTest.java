package org.currents.source.dump;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterProperty;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.currents.model.Revision;
import org.currents.model.WikiPage;
import org.currents.source.RevisionSink;
import org.currents.source.SourceException;
import org.currents.testing.Fuzzing;

/**
 * Fuzzing the dump reader (issue 12): exports put together from the elements MediaWiki writes,
 * with odd titles, ids, timestamps, digests and texts, then cut, flipped, spliced and packed
 * (plain, gzip, bzip2). Each file is either read, with the sink told a well-formed story, or
 * refused with a {@link SourceException} of one line naming the file; never another exception,
 * never unbounded time. Tries: {@code jqwik.tries.default}; see {@link Fuzzing}.
 */
class DumpReaderFuzzTest {
    private static final String TARGET = "dump reader";
    private static final Path FILE = tempFile();

    private static Path tempFile() {
        try {
            Path shm = Path.of("/dev/shm");
            return Files.isDirectory(shm) && Files.isWritable(shm)
                    ? Files.createTempFile(shm, "currents-fuzz", ".xml")
                    : Files.createTempFile("currents-fuzz", ".xml");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterContainer
    static void deleteFile() throws IOException {
        Files.deleteIfExists(FILE);
    }

    @Provide
    Arbitrary<String> titles() {
        return Arbitraries.of(
                "Portal:Current events/2017 July 9",
                "Portal:Current_events/2017_July_10",
                "Portal:Current events/2017 July 09",
                "Portal:Current events/2017-07-09",
                "Portal:Current events/0000 July 9",
                "Portal:Current events/2017 February 30",
                "Portal:Current events/99999 July 9",
                "Portal:Current events/Sidebar",
                "Main Page",
                "",
                "Portal:Current events/2017 July 9\u202e",
                "Portal:Current events/" + "9".repeat(40) + " July 9");
    }

    @Provide
    Arbitrary<String> values() {
        return Arbitraries.oneOf(
                Arbitraries.of(
                        "1001",
                        "-5",
                        "0",
                        "9223372036854775807",
                        "9223372036854775808",
                        "12abc",
                        " 7 ",
                        "2017-07-09T10:00:00Z",
                        "2017-07-09 10:00:00",
                        "9999-12-31T23:59:59Z",
                        "+1000000000-01-01T00:00:00Z",
                        "phoiac9h4m842xq45sp7s6u21eteeq1",
                        "da39a3ee5e6b4b0d3255bfef95601890afd80709",
                        "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz",
                        "",
                        "&amp;",
                        "&#0;",
                        "&#xD800;",
                        "&undefined;",
                        "<![CDATA[x]]>",
                        "<!-- c -->"),
                Arbitraries.strings().ofMaxLength(40).map(DumpReaderFuzzTest::escape));
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.oneOf(
                        Arbitraries.of(
                                "*An event. [http://a.example/1 (A)]",
                                ";Politics\n*A vote. [https://b.example/2 (B)]",
                                "#REDIRECT [[Portal:Current events/2017 July 10]]",
                                ""),
                        Arbitraries.strings().ofMaxLength(200))
                .map(DumpReaderFuzzTest::escape);
    }

    /** One {@code <revision>}: its elements in any order, some missing, some doubled. */
    @Provide
    Arbitrary<String> revisions() {
        Arbitrary<String> element = Arbitraries.oneOf(
                values().map(v -> "<id>" + v + "</id>"),
                values().map(v -> "<parentid>" + v + "</parentid>"),
                values().map(v -> "<timestamp>" + v + "</timestamp>"),
                values().map(v -> "<contributor><username>" + v + "</username></contributor>"),
                Arbitraries.just("<contributor deleted=\"deleted\" />"),
                values().map(v -> "<comment>" + v + "</comment>"),
                values().map(v -> "<sha1>" + v + "</sha1>"),
                texts().map(t -> "<text xml:space=\"preserve\">" + t + "</text>"),
                Arbitraries.just("<text deleted=\"deleted\" />"),
                Arbitraries.just("<minor />"),
                Arbitraries.just("<model>wikitext</model>"));
        Arbitrary<String> valid = Combinators.combine(
                        Arbitraries.longs().between(1, 10_000),
                        texts(),
                        Arbitraries.integers().between(0, 59))
                .as((id, text, minute) -> "<id>" + id + "</id><timestamp>2017-07-09T10:" + String.format("%02d", minute)
                        + ":00Z</timestamp><contributor><username>Ann</username></contributor>"
                        + "<text xml:space=\"preserve\">" + text + "</text>");
        return Arbitraries.frequencyOf(
                        Tuple.of(3, valid),
                        Tuple.of(2, element.list().ofMaxSize(10).map(l -> String.join("", l))))
                .map(body -> "<revision>" + body + "</revision>\n");
    }

    @Provide
    Arbitrary<String> pages() {
        return Combinators.combine(titles(), values(), revisions().list().ofMaxSize(6))
                .as((title, id, revs) -> "<page><title>" + escape(title) + "</title><ns>100</ns><id>" + id + "</id>\n"
                        + String.join("", revs) + "</page>\n");
    }

    @Provide
    Arbitrary<String> exports() {
        return pages().list()
                .ofMaxSize(5)
                .map(ps -> "<mediawiki xmlns=\"http://www.mediawiki.org/xml/export-0.11/\" version=\"0.11\">\n"
                        + "<siteinfo><sitename>Wikipedia</sitename></siteinfo>\n" + String.join("", ps)
                        + "</mediawiki>\n");
    }

    /** What is done to the bytes of a well-formed export before it is read. */
    enum Damage {
        NONE,
        CUT,
        FLIP,
        SPLICE
    }

    enum Packing {
        PLAIN,
        GZIP,
        BZIP2
    }

    @Property
    void noFileMakesTheReaderThrowAnythingButASourceException(
            @ForAll("exports") String export,
            @ForAll Damage damage,
            @ForAll Packing packing,
            @ForAll("positions") List<Integer> where)
            throws Exception {
        byte[] bytes = packed(export.getBytes(StandardCharsets.UTF_8), packing);
        bytes = damaged(bytes, damage, where);
        Files.write(FILE, bytes);
        CheckingSink sink = new CheckingSink();
        Fuzzing.timed(TARGET, () -> {
            try {
                DumpReader.of(FILE).readInto(sink);
                assertThat(sink.open)
                        .as("a page left open after a complete read")
                        .isFalse();
            } catch (SourceException e) {
                assertThat(e.getMessage()).startsWith(FILE + ": ").doesNotContain("\n");
                assertThat(e.getMessage().length()).isLessThan(2_000);
            }
        });
    }

    @Provide
    Arbitrary<List<Integer>> positions() {
        return Arbitraries.integers()
                .between(0, Integer.MAX_VALUE)
                .list()
                .ofMinSize(1)
                .ofMaxSize(8);
    }

    private static byte[] packed(byte[] plain, Packing packing) throws IOException {
        if (packing == Packing.PLAIN) {
            return plain;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream z =
                packing == Packing.GZIP ? new GZIPOutputStream(out) : new BZip2CompressorOutputStream(out, 1)) {
            z.write(plain);
        }
        return out.toByteArray();
    }

    private static byte[] damaged(byte[] bytes, Damage damage, List<Integer> where) {
        if (bytes.length == 0) {
            return bytes;
        }
        switch (damage) {
            case CUT -> {
                return java.util.Arrays.copyOf(bytes, where.get(0) % bytes.length);
            }
            case FLIP -> {
                byte[] b = bytes.clone();
                for (int i = 1; i < where.size(); i++) {
                    b[where.get(i) % b.length] ^= (byte) (where.get(0) | 1);
                }
                return b;
            }
            case SPLICE -> {
                // a stretch of the file written again elsewhere: elements out of place
                int from = where.get(0) % bytes.length;
                int len = Math.min(bytes.length - from, where.size() > 1 ? where.get(1) % 200 : 50);
                int to = where.size() > 2 ? where.get(2) % bytes.length : 0;
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.write(bytes, 0, to);
                out.write(bytes, from, len);
                out.write(bytes, to, bytes.length - to);
                return out.toByteArray();
            }
            default -> {
                return bytes;
            }
        }
    }

    /** Characters XML text may not hold as they are, escaped as an export would. */
    private static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '&' -> b.append("&amp;");
                case '>' -> b.append("&gt;");
                default -> b.appendCodePoint(c);
            }
        });
        return b.toString();
    }

    /** A sink that fails on a story no export can tell: a revision outside a page, a page inside one. */
    private static final class CheckingSink implements RevisionSink {
        boolean open;
        final List<Long> ids = new ArrayList<>();

        @Override
        public void beginPage(WikiPage page) {
            assertThat(open).as("a page begun inside another").isFalse();
            assertThat(page.title()).startsWith("Portal:Current events/");
            open = true;
        }

        @Override
        public void revision(Revision r) {
            assertThat(open).as("a revision outside a page").isTrue();
            assertThat(r.id()).isPositive();
            assertThat(r.timestamp()).isNotNull();
            assertThat(r.sha1()).matches(r.textHidden() ? "|[0-9a-f]{40}" : "[0-9a-f]{40}");
            ids.add(r.id());
        }

        @Override
        public void endPage() {
            assertThat(open).as("a page ended that was not begun").isTrue();
            open = false;
        }
    }

    @AfterProperty
    void report() {
        Fuzzing.report(TARGET);
    }
}
