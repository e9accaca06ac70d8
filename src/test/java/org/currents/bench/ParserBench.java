package org.currents.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.currents.wikitext.DayPageParser;
import org.currents.wikitext.ParseResult;

/**
 * Extraction throughput of {@link DayPageParser} alone on a MediaWiki export (bench/parser.md):
 * the bare StAX read of every {@code <text>} (the floor), then the same read with every
 * revision parsed, with the line cache on ({@code forgetLines()} per page, as the importer
 * does) and off ({@code lineCacheSize} 0). One thread; run it pinned to one core.
 *
 * <pre>
 * mvn -q -DskipTests package
 * taskset -c 0 java -Xmx1g -cp target/currents.jar:target/test-classes \
 *     org.currents.bench.ParserBench /tmp/large.xml [rounds] [floor,cached,uncached]
 * </pre>
 */
public final class ParserBench {
    private ParserBench() {}

    /** What one pass did. */
    private record Pass(String mode, double seconds, double parseSeconds, long revisions, long chars, long events) {}

    private enum Mode {
        FLOOR("StAX read, decode every <text> (floor)"),
        CACHED("read + parse, line cache on (forgetLines per page)"),
        UNCACHED("read + parse, line cache off (lineCacheSize 0)");

        final String label;

        Mode(String label) {
            this.label = label;
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: ParserBench EXPORT.xml [rounds (default 2)] [passes: floor,cached,uncached]");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        java.util.List<Mode> modes = new java.util.ArrayList<>();
        for (String m : (args.length > 2 ? args[2] : "floor,cached,uncached").split(",")) {
            modes.add(Mode.valueOf(m.strip().toUpperCase(Locale.ROOT)));
        }
        long bytes = Files.size(file);
        System.out.printf(
                Locale.ROOT,
                "%s: %,d bytes; java %s; %d round(s), best of each%n",
                file,
                bytes,
                System.getProperty("java.version"),
                rounds);
        Pass[] best = new Pass[Mode.values().length];
        for (int round = 1; round <= rounds; round++) {
            for (Mode mode : modes) {
                Pass p = pass(file, mode);
                System.out.printf(
                        Locale.ROOT, "round %d %-8s %7.2f s (parse %6.2f s)%n", round, mode, p.seconds, p.parseSeconds);
                if (best[mode.ordinal()] == null || p.seconds < best[mode.ordinal()].seconds) {
                    best[mode.ordinal()] = p;
                }
            }
        }
        System.out.println();
        System.out.println(
                "| pass | seconds | MB/s of XML | revisions/s | events | parse only: s | parse only: MB/s of XML |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|");
        for (Pass p : best) {
            if (p == null) {
                continue;
            }
            System.out.printf(
                    Locale.ROOT,
                    "| %s | %.2f | %.1f | %,.0f | %,d | %s | %s |%n",
                    p.mode,
                    p.seconds,
                    bytes / p.seconds / 1e6,
                    p.revisions / p.seconds,
                    p.events,
                    p.parseSeconds > 0 ? String.format(Locale.ROOT, "%.2f", p.parseSeconds) : "–",
                    p.parseSeconds > 0 ? String.format(Locale.ROOT, "%.1f", bytes / p.parseSeconds / 1e6) : "–");
        }
        System.out.printf(
                Locale.ROOT,
                "%nrevisions %,d, wikitext %,d chars (MB = 10^6 bytes of the XML file)%n",
                best[modes.get(0).ordinal()].revisions,
                best[modes.get(0).ordinal()].chars);
    }

    private static Pass pass(Path file, Mode mode) throws IOException, XMLStreamException {
        DayPageParser parser = mode == Mode.UNCACHED
                ? DayPageParser.of(new DayPageParser.Settings(16, 100, 0))
                : DayPageParser.create();
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
        long revisions = 0;
        long chars = 0;
        long events = 0;
        long parseNanos = 0;
        long t0 = System.nanoTime();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            XMLStreamReader xml = factory.createXMLStreamReader(in);
            while (xml.hasNext()) {
                if (xml.next() != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                String name = xml.getLocalName();
                if (name.equals("page")) {
                    parser.forgetLines();
                } else if (name.equals("text")) {
                    String text = xml.getElementText();
                    revisions++;
                    chars += text.length();
                    if (mode != Mode.FLOOR) {
                        long p0 = System.nanoTime();
                        ParseResult r = parser.parse(text);
                        parseNanos += System.nanoTime() - p0;
                        events += r.events().size();
                    }
                }
            }
            xml.close();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new Pass(mode.label, seconds, parseNanos / 1e9, revisions, chars, events);
    }
}
