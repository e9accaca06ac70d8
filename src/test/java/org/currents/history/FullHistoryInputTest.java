package org.currents.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.currents.model.Event;
import org.currents.model.EventStatus;
import org.currents.source.dump.DumpReader;
import org.currents.store.ArchiveStore;
import org.currents.store.Stores;
import org.currents.testing.Generator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small instance of the full-history benchmark input ({@code bench/gen_history.py}: real days
 * of ../shared/corpus/cec-yaml in the layouts of their eras, with edits, moves, vandalism and
 * reverts) imports cleanly, with the two-thread import equal to the one-thread import, and the
 * Related lists the store keeps are the exhaustive answer, built whole and updated page by page.
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
        return Generator.history(dir, name, truthFile, options);
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

    /**
     * Issue 10's exact related events, on the full-history input rather than a synthetic one: the
     * Related lists the store keeps are, event for event, the exhaustive answer (every pair of
     * events compared), after the index was built whole (half the days imported) and after each
     * of several updates that touched only one new day page's events and their neighbours.
     */
    @Test
    void theStoredRelatedListsAreTheExhaustiveAnswerAfterTheWholeIndexAndAfterEachUpdate() throws IOException {
        // the input cut at its pages: the first half as one export, then single pages
        String whole = Files.readString(xml);
        List<Integer> starts = new ArrayList<>();
        for (int at = whole.indexOf("<page>"); at >= 0; at = whole.indexOf("<page>", at + 1)) {
            starts.add(at);
        }
        assertThat(starts).hasSize(DAYS);
        int end = whole.lastIndexOf("</mediawiki>");
        String head = whole.substring(0, starts.get(0));
        java.util.function.BiFunction<Integer, Integer, Path> export = (from, to) -> {
            Path out = dir.resolve("related-" + from + "-" + to + ".xml");
            try {
                Files.writeString(
                        out,
                        head + whole.substring(starts.get(from), to < DAYS ? starts.get(to) : end) + "</mediawiki>\n");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return out;
        };
        try (ArchiveStore store = Stores.open(dir.resolve("related.db").toString())) {
            AtomicReference<Importer> running = new AtomicReference<>();
            Importer.Options options = Importer.Options.defaults().withReadAhead();
            ImportSummary half = importInto(store, export.apply(0, DAYS / 2), options, null, running);
            assertThat(half.failure()).isNull();
            assertThat(half.pages()).isEqualTo(DAYS / 2);
            assertThat(org.currents.relate.ContextIndexer.refresh(store)).isPositive();
            assertRelatedListsExact(store, "after the whole index");
            for (int page = DAYS / 2; page < DAYS / 2 + 6; page++) {
                // one more day page, then the update of its events only (the whole index is
                // built again above 300 changed events)
                ImportSummary one = importInto(store, export.apply(page, page + 1), options, null, running);
                assertThat(one.revisionsNew()).isPositive();
                int changed = org.currents.relate.ContextIndexer.refresh(store);
                assertThat(changed).as("events changed by page %d", page).isBetween(1, 300);
                assertRelatedListsExact(store, "after page " + page);
            }
        }
    }

    /**
     * The same on 3,000 days of the input (about 40,000 events), where the most common contexts
     * (United States, ...) are shared by more than {@link org.currents.relate.RelatedIndex#COMMON}
     * events, the case an earlier index answered only approximately: every 5th event's stored
     * list is compared with the exhaustive answer.
     */
    @Test
    void theStoredRelatedListsAreExactWhereContextsAreSharedByThousandsOfEvents() throws Exception {
        Path input = generate(
                "common", dir.resolve("common.truth.jsonl"), "--days", "3000", "--scale", "0.02", "--seed", "5");
        try (ArchiveStore store = Stores.open(dir.resolve("common.db").toString())) {
            ImportSummary s = importInto(
                    store, input, Importer.Options.defaults().withReadAhead(), null, new AtomicReference<>());
            assertThat(s.failure()).isNull();
            org.currents.relate.ContextIndexer.refresh(store);
            java.util.Map<String, Integer> eligible = new java.util.HashMap<>();
            for (org.currents.store.EventSummary e : store.eventSummaries()) {
                if (e.status() == EventStatus.CURRENT && !e.unsourced()) {
                    e.contexts().stream()
                            .map(org.currents.model.Context::key)
                            .distinct()
                            .forEach(k -> eligible.merge(k, 1, Integer::sum));
                }
            }
            assertThat(eligible.values())
                    .as("contexts shared by more than %d listable events", org.currents.relate.RelatedIndex.COMMON)
                    .anyMatch(n -> n > org.currents.relate.RelatedIndex.COMMON);
            assertRelatedListsExact(store, "after the whole index", 5);
        }
    }

    /**
     * Compares each event's stored Related list with the answer of comparing it with every other
     * event: those current and sourced sharing a context, most shared contexts first, then the
     * newest day, the earliest position, the id (SPEC.md), at most five.
     */
    private static void assertRelatedListsExact(ArchiveStore store, String when) {
        assertRelatedListsExact(store, when, 1);
    }

    /** As above, for every {@code every}-th event (in the store's order), each against all. */
    private static void assertRelatedListsExact(ArchiveStore store, String when, int every) {
        List<org.currents.store.EventSummary> all = store.eventSummaries();
        java.util.Map<String, java.util.Set<String>> keys = new java.util.HashMap<>();
        for (org.currents.store.EventSummary e : all) {
            java.util.Set<String> k = new java.util.HashSet<>();
            e.contexts().forEach(c -> k.add(c.key()));
            keys.put(e.id(), k);
        }
        java.util.Comparator<org.currents.store.EventSummary> rank = java.util.Comparator.comparing(
                        org.currents.store.EventSummary::day)
                .reversed()
                .thenComparingInt(org.currents.store.EventSummary::position)
                .thenComparing(org.currents.store.EventSummary::id);
        java.util.Map<String, List<org.currents.store.RelatedStore.Listed>> stored = store.allRelatedLists();
        java.util.Map<String, List<org.currents.store.EventSummary>> byKey = new java.util.HashMap<>();
        java.util.Map<String, org.currents.store.EventSummary> byId = new java.util.HashMap<>();
        for (org.currents.store.EventSummary e : all) {
            byId.put(e.id(), e);
            if (e.status() == EventStatus.CURRENT && !e.unsourced()) {
                keys.get(e.id())
                        .forEach(k ->
                                byKey.computeIfAbsent(k, x -> new ArrayList<>()).add(e));
            }
        }
        int nonEmpty = 0;
        int checked = 0;
        for (int q = 0; q < all.size(); q += every) {
            org.currents.store.EventSummary me = all.get(q);
            checked++;
            java.util.Set<String> mine = keys.get(me.id());
            // every listable event sharing a context, counted through a plain map from each
            // context to its events (no ranking shortcut: all of them are ranked below)
            java.util.Map<String, Integer> shared = new java.util.HashMap<>();
            for (String k : mine) {
                for (org.currents.store.EventSummary other : byKey.getOrDefault(k, List.of())) {
                    if (other != me) {
                        shared.merge(other.id(), 1, Integer::sum);
                    }
                }
            }
            List<org.currents.store.EventSummary> candidates = new ArrayList<>();
            for (String id : shared.keySet()) {
                candidates.add(byId.get(id));
            }
            candidates.sort(java.util.Comparator.comparing((org.currents.store.EventSummary e) -> -shared.get(e.id()))
                    .thenComparing(rank));
            List<org.currents.store.RelatedStore.Listed> want = candidates.stream()
                    .limit(org.currents.relate.RelatedIndex.LIMIT)
                    .map(e -> new org.currents.store.RelatedStore.Listed(e.id(), shared.get(e.id())))
                    .toList();
            assertThat(stored.getOrDefault(me.id(), List.of()))
                    .as("Related list of %s (%s) %s", me.id(), me.day(), when)
                    .isEqualTo(want);
            nonEmpty += want.isEmpty() ? 0 : 1;
        }
        assertThat(nonEmpty).as("events with a Related list " + when).isGreaterThan(checked / 4);
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
