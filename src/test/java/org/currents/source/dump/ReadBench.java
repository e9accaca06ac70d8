package org.currents.source.dump;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.currents.model.Revision;
import org.currents.model.WikiPage;
import org.currents.source.RevisionSink;
import org.currents.wikitext.DayPageParser;

/**
 * The floors under {@code currents import}, for bench/import.md: {@code read} streams an export
 * through {@link DumpReader} into a sink that only counts; {@code parse} also parses every
 * revision's text with {@link DayPageParser}, as the importer does, and stores nothing.
 *
 * <pre>java -Xmx512m -cp target/currents.jar:target/test-classes org.currents.source.dump.ReadBench read FILE</pre>
 */
public final class ReadBench {
    private ReadBench() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 2 || !(args[0].equals("read") || args[0].equals("parse"))) {
            System.err.println("usage: ReadBench read|parse FILE");
            System.exit(2);
        }
        boolean parse = args[0].equals("parse");
        Path file = Path.of(args[1]);
        DayPageParser parser = DayPageParser.create();
        long[] counts = new long[4]; // pages, revisions, chars, events
        long start = System.nanoTime();
        DumpReader.of(file).readInto(new RevisionSink() {
            @Override
            public void beginPage(WikiPage page) {
                counts[0]++;
                parser.forgetLines();
            }

            @Override
            public void revision(Revision r) {
                counts[1]++;
                counts[2] += r.text().length();
                if (parse) {
                    counts[3] += parser.parse(r.text()).events().size();
                }
            }

            @Override
            public void endPage() {}
        });
        double secs = (System.nanoTime() - start) / 1e9;
        double mb = Files.size(file) / 1e6;
        System.out.printf(
                Locale.ROOT,
                "%s %s: %d pages, %d revisions, %d chars%s in %.2f s: %.1f MB/s, %.0f revisions/s%n",
                args[0],
                file,
                counts[0],
                counts[1],
                counts[2],
                parse ? ", " + counts[3] + " events" : "",
                secs,
                mb / secs,
                counts[1] / secs);
    }
}
