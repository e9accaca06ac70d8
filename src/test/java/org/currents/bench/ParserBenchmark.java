package org.currents.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.currents.model.Revision;
import org.currents.wikitext.DayPageParser;
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
 * {@link DayPageParser} alone, in memory (no XML reading): the 13 real pages of
 * ../shared/corpus/wikitext, and every revision of the first pages of an export with the line
 * cache on (as the importer runs it: {@code forgetLines()} at each page) and off. One operation
 * is the whole set; the setup prints its size, so MB/s = ops/s × MB per op (bench/jmh.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
public class ParserBenchmark {
    /** The export whose first {@link #pages} pages are parsed. */
    @Param("/tmp/large.xml")
    public String export;

    @Param("40")
    public int pages;

    private List<String> corpus;
    private List<Revisions.Page> history;
    private final DayPageParser cached = DayPageParser.create();
    private final DayPageParser uncached = DayPageParser.of(new DayPageParser.Settings(16, 100, 0));

    @Setup
    public void read() throws IOException {
        corpus = Revisions.corpusPages();
        history = Revisions.firstPages(Path.of(export), pages);
        long corpusChars = corpus.stream().mapToLong(String::length).sum();
        long historyChars = history.stream().mapToLong(Revisions.Page::chars).sum();
        long revisions = history.stream().mapToLong(p -> p.revisions().size()).sum();
        System.err.printf(
                "%ninput: corpus %d pages, %d chars; history %d pages, %d revisions, %d chars%n",
                corpus.size(), corpusChars, history.size(), revisions, historyChars);
    }

    /** Each real corpus page once, from an empty line cache. */
    @Benchmark
    public void corpusPages(Blackhole bh) {
        for (String text : corpus) {
            cached.forgetLines();
            bh.consume(cached.parse(text));
        }
    }

    /** Every revision of each page, the line cache kept within a page. */
    @Benchmark
    public void historyCached(Blackhole bh) {
        for (Revisions.Page p : history) {
            cached.forgetLines();
            for (Revision r : p.revisions()) {
                bh.consume(cached.parse(r.text()));
            }
        }
    }

    /** Every revision rendered from scratch: the worst case, revisions that share no line. */
    @Benchmark
    public void historyUncached(Blackhole bh) {
        for (Revisions.Page p : history) {
            for (Revision r : p.revisions()) {
                bh.consume(uncached.parse(r.text()));
            }
        }
    }
}
