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
        Path cec = Archives.SHARED.resolve("corpus/cec-yaml/cec-yaml.tar.xz");
        assumeTrue(Files.isRegularFile(cec), "../shared/corpus is absent");
        xml = dir.resolve("history.xml");
        Path truthFile = dir.resolve("history.truth.jsonl");
        Process p = new ProcessBuilder(
                        Generator.PYTHON,
                        "bench/gen_history.py",
                        "--cec",
                        cec.toString(),
                        "--days",
                        Integer.toString(DAYS),
                        "--scale",
                        "0.3",
                        "--seed",
                        "3",
                        "--out",
                        xml.toString(),
                        "--truth",
                        truthFile.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(
                    "bench/gen_history.py failed (it needs PyYAML: Debian's python3-yaml): " + output);
        }
        ObjectMapper json = new ObjectMapper();
        truth = new ArrayList<>();
        for (String line : Files.readAllLines(truthFile)) {
            truth.add(json.readTree(line));
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
        Importer i = Importer.into(store, options, new ImportListener() {
            @Override
            public void bytesRead(long bytesRead, long bytesTotal) {
                if (l != null) {
                    l.bytesRead(bytesRead, bytesTotal);
                }
            }
        });
        running.set(i);
        return i.run(DumpReader.of(xml));
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
