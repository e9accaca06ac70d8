package org.currents.history;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.currents.bench.Revisions;
import org.currents.model.Revision;
import org.currents.store.PageState;
import org.currents.wikitext.DayPageParser;
import org.currents.wikitext.ParseResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Version tracking alone ({@link VersionTracker}: matching each revision's events to the
 * previous ones, reverts, the page's update), in memory: the first pages of an export, parsed
 * in the setup, tracked from an empty page state as a first import does. One operation is
 * every page (bench/jmh.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
public class MatcherBenchmark {
    @Param("/tmp/large.xml")
    public String export;

    @Param("40")
    public int pages;

    private record Parsed(Revisions.Page page, List<Revision> revisions, List<ParseResult> results) {}

    private final List<Parsed> parsed = new ArrayList<>();

    @Setup
    public void parse() throws IOException {
        DayPageParser parser = DayPageParser.create();
        long revisions = 0;
        long events = 0;
        for (Revisions.Page p : Revisions.firstPages(Path.of(export), pages)) {
            parser.forgetLines();
            List<Revision> rs = new ArrayList<>();
            List<ParseResult> results = new ArrayList<>();
            for (Revision r : p.revisions()) {
                ParseResult result = parser.parse(r.text());
                rs.add(r.withoutText());
                results.add(result);
                events += result.events().size();
            }
            revisions += rs.size();
            parsed.add(new Parsed(p, rs, results));
        }
        System.err.printf("%ninput: %d pages, %d revisions, %d parsed events%n", parsed.size(), revisions, events);
    }

    /** Every page's revisions tracked into one page update each. */
    @Benchmark
    public void trackPages(Blackhole bh) {
        long id = 1;
        for (Parsed p : parsed) {
            PageState empty = new PageState(
                    id++,
                    p.page().page(),
                    List.of(),
                    List.of(),
                    new HashMap<>(),
                    List.of(),
                    new HashMap<>(),
                    new HashSet<>());
            VersionTracker tracker = new VersionTracker(empty);
            for (int k = 0; k < p.revisions().size(); k++) {
                ParseResult r = p.results().get(k);
                tracker.add(p.revisions().get(k), r.events(), r.problems(), r.problemCount(), false);
            }
            bh.consume(tracker.update());
        }
    }
}
