package org.currents.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.currents.model.Event;
import org.currents.model.EventStatus;
import org.currents.source.dump.DumpReader;
import org.currents.store.ArchiveStore;
import org.currents.store.Stores;
import org.currents.testing.Archives;
import org.currents.testing.Generator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small instance of the full-history benchmark input ({@code bench/gen_history.py}: real days
 * of ../shared/corpus/cec-yaml in the layouts of their eras, with edits, moves, vandalism and
 * reverts) imports cleanly, with the two-thread import equal to the one-thread import.
 */
class FullHistoryInputTest {
    static final int DAYS = 60;

    @TempDir
    static Path dir;

    static Path xml;
    static List<JsonNode> truth;

    @BeforeAll
    static void generate() throws Exception {
        Path truthFile = dir.resolve("history.truth.jsonl");
        xml = generate("history", truthFile, "--days", Integer.toString(DAYS), "--scale", "0.3", "--seed", "3");
        truth = readTruth(truthFile);
    }

    /** Runs bench/gen_history.py with {@code options}: the XML it wrote ({@code name}.xml). */
    static Path generate(String name, Path truthFile, String... options) throws Exception {
        Path cec = Archives.SHARED.resolve("corpus/cec-yaml/cec-yaml.tar.xz");
        assumeTrue(Files.isRegularFile(cec), "../shared/corpus is absent");
        Path out = dir.resolve(name + ".xml");
        List<String> command =
                new ArrayList<>(List.of(Generator.PYTHON, "bench/gen_history.py", "--cec", cec.toString()));
        command.addAll(List.of(options));
        command.addAll(List.of("--out", out.toString(), "--truth", truthFile.toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(
                    "bench/gen_history.py failed (it needs PyYAML: Debian's python3-yaml): " + output);
        }
        return out;
    }

    static List<JsonNode> readTruth(Path truthFile) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(truthFile)) {
            out.add(json.readTree(line));
        }
        return out;
    }

    @Test
    void everyGeneratedMoveBetweenAdjacentDaysIsMergedIntoOneEvent() throws Exception {
        // 40 days in a row of 2019-2020, the years the generator moves the most items in
        Path truthFile = dir.resolve("moves.truth.jsonl");
        Path input =
                generate("moves", truthFile, "--days", "40", "--first", "2020-01-01", "--scale", "0.2", "--seed", "3");
        List<JsonNode> days = readTruth(truthFile);
        List<LocalDate> movedTo = new ArrayList<>();
        for (JsonNode t : days) {
            if (t.has("moved_from")) {
                movedTo.add(LocalDate.parse(t.get("date").asText()));
            }
        }
        assertThat(movedTo).as("moves the generator made").hasSizeGreaterThanOrEqualTo(3);
        try (ArchiveStore store = Stores.open(dir.resolve("moves.db").toString())) {
            ImportSummary s = importInto(
                    store, input, Importer.Options.defaults().withReadAhead(), null, new AtomicReference<>());
            assertThat(s.failure()).isNull();
            assertThat(s.eventsMoved()).isEqualTo(movedTo.size());
            for (LocalDate to : movedTo) {
                assertThat(store.events(to))
                        .as("the events of %s: one moved from the day before", to)
                        .filteredOn(e -> e.movedFrom().equals(List.of(to.minusDays(1))))
                        .hasSize(1)
                        .allMatch(e -> e.status() == EventStatus.CURRENT);
            }
            // the moved event is not left behind as a removed event of the day it left
            for (LocalDate to : movedTo) {
                assertThat(store.events(to.minusDays(1))).noneMatch(e -> e.status() == EventStatus.REMOVED);
            }
        }
    }

    @Test
    void importsEveryDayWithTheEventsOfItsRealPage() throws IOException {
        try (ArchiveStore store = Stores.open(dir.resolve("clean.db").toString())) {
            ImportSummary s = importInto(store, Importer.Options.defaults().withReadAhead(), null);
            long revisions =
                    truth.stream().mapToLong(t -> t.get("revisions").asLong()).sum();
            assertThat(s.failure()).isNull();
            assertThat(s.pages()).isEqualTo(DAYS);
            assertThat(s.revisionsNew()).isEqualTo(revisions);
            // vandalism may leave a problem or two in the revisions it broke; nothing else should
            assertThat(s.problems()).isLessThanOrEqualTo(revisions / 20);
            int exact = 0;
            for (JsonNode t : truth) {
                long current = store.events(LocalDate.parse(t.get("date").asText())).stream()
                        .filter(e -> e.status() == EventStatus.CURRENT)
                        .count();
                int expected = t.get("events").asInt();
                assertThat(current)
                        .as("current events of %s", t.get("title").asText())
                        .isBetween(Math.round(expected * 0.95) - 1, Math.round(expected * 1.05) + 1);
                exact += current == expected ? 1 : 0;
            }
            assertThat(exact)
                    .as("days whose current events are exactly the YAML's")
                    .isGreaterThanOrEqualTo(DAYS * 9 / 10);
        }
    }

    @Test
    void twoThreadsImportWhatOneThreadImports() throws IOException {
        try (ArchiveStore one = Stores.open(dir.resolve("one.db").toString());
                ArchiveStore two = Stores.open(dir.resolve("two.db").toString())) {
            ImportSummary a = importInto(one, Importer.Options.defaults(), null);
            ImportSummary b = importInto(two, Importer.Options.defaults().withReadAhead(), null);
            assertThat(b).isEqualTo(a);
            assertThat(events(two)).isEqualTo(events(one)).isNotEmpty();
        }
    }

    @Test
    void anInterruptedTwoThreadImportKeepsWholePagesAndGoesOnWhereItStopped() throws IOException {
        try (ArchiveStore full = Stores.open(dir.resolve("full.db").toString());
                ArchiveStore cut = Stores.open(dir.resolve("cut.db").toString())) {
            importInto(full, Importer.Options.defaults(), null);
            AtomicReference<Importer> running = new AtomicReference<>();
            AtomicBoolean asked = new AtomicBoolean();
            ImportSummary stopped = importInto(
                    cut,
                    Importer.Options.defaults().withReadAhead(),
                    (read, total) -> {
                        if (read >= total / 2 && asked.compareAndSet(false, true)) {
                            running.get().requestStop(); // as Ctrl-C does, halfway through the file
                        }
                    },
                    running);
            assertThat(stopped.failure()).isEqualTo("interrupted");
            assertThat(stopped.pages()).isBetween(1, DAYS - 1);
            // every committed page holds all its revisions: none was cut in the middle
            for (var page : cut.pages()) {
                long expected = truth.stream()
                        .filter(t -> t.get("title").asText().equals(page.title()))
                        .findFirst()
                        .orElseThrow()
                        .get("revisions")
                        .asLong();
                assertThat(cut.revisionIds(page.id())).as(page.title()).hasSize((int) expected);
            }
            ImportSummary rest = importInto(cut, Importer.Options.defaults().withReadAhead(), null);
            assertThat(rest.failure()).isNull();
            assertThat(rest.revisionsKnown()).isPositive();
            assertThat(events(cut)).isEqualTo(events(full));
        }
    }

    private static ImportSummary importInto(ArchiveStore store, Importer.Options options, PageListener l)
            throws IOException {
        return importInto(store, options, l, new AtomicReference<>());
    }

    private static ImportSummary importInto(
            ArchiveStore store, Importer.Options options, PageListener l, AtomicReference<Importer> running)
            throws IOException {
        return importInto(store, xml, options, l, running);
    }

    private static ImportSummary importInto(
            ArchiveStore store, Path input, Importer.Options options, PageListener l, AtomicReference<Importer> running)
            throws IOException {
        Importer i = Importer.into(store, options, new ImportListener() {
            @Override
            public void bytesRead(long bytesRead, long bytesTotal) {
                if (l != null) {
                    l.bytesRead(bytesRead, bytesTotal);
                }
            }
        });
        running.set(i);
        return i.run(DumpReader.of(input));
    }

    /** The archive's events, every field, in id order. */
    private static List<Event> events(ArchiveStore store) {
        List<Event> out = new ArrayList<>();
        store.forEachEvent(out::add);
        out.sort(java.util.Comparator.comparing(Event::id));
        return out;
    }

    @FunctionalInterface
    interface PageListener {
        void bytesRead(long bytesRead, long bytesTotal);
    }
}
