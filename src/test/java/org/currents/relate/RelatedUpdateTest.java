package org.currents.relate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.currents.model.Context;
import org.currents.model.EventStatus;
import org.currents.store.ArchiveStore;
import org.currents.store.EventSummary;
import org.currents.store.RelatedStore.Listed;
import org.currents.testing.Archives;
import org.currents.testing.Generator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The related-events index in the store: updated for what changed, always the exact answer. */
class RelatedUpdateTest {
    @TempDir
    Path dir;

    /** Every list as relating the whole archive in memory gives it. */
    static Map<String, List<Listed>> exact(ArchiveStore store) {
        List<EventSummary> all = store.eventSummaries();
        List<RelatedIndex.Entry> entries = new ArrayList<>();
        for (EventSummary e : all) {
            List<String> keys =
                    e.contexts().stream().map(Context::key).distinct().toList();
            entries.add(new RelatedIndex.Entry(
                    e.id(), e.day(), e.position(), keys, e.status() == EventStatus.CURRENT && !e.unsourced()));
        }
        RelatedIndex index = RelatedIndex.of(entries);
        Map<String, List<Listed>> out = new HashMap<>();
        for (EventSummary e : all) {
            List<Listed> l = index.relatedTo(e.id()).stream()
                    .map(r -> new Listed(r.id(), r.shared().size()))
                    .toList();
            if (!l.isEmpty()) {
                out.put(e.id(), l);
            }
        }
        return out;
    }

    @Test
    void eachImportUpdatesOnlyTheListsThatChangeAndTheyStayExact() throws Exception {
        // the same 12 pages, their history given 10, 20, 30 then 40 revisions deep: events are
        // added, edited, moved between days (merged: one id gone), vandalised and reverted
        List<Path> steps = new ArrayList<>();
        for (int revisions : new int[] {10, 20, 30, 40}) {
            steps.add(Generator.generate(
                    dir, "g" + revisions, "--pages", "12", "--revisions", "" + revisions, "--seed", "11"));
        }
        try (ArchiveStore store = Archives.open(dir)) {
            Archives.importFile(store, steps.get(0)); // the first refresh relates the whole archive
            assertThat(store.mark(RelatedUpdate.MARK)).isPositive();
            assertThat(store.allRelatedLists()).isEqualTo(exact(store)).isNotEmpty();
            for (Path step : steps.subList(1, steps.size())) {
                Archives.importFile(store, step);
                assertThat(store.allRelatedLists()).as(step.toString()).isEqualTo(exact(store));
            }
        }
    }

    static final String FREEDONIA = "Portal:Current events/2017 July %d";

    @Test
    void oneNewEventRewritesOnlyItsOwnListAndThoseOfTheEventsSharingAContext() throws Exception {
        org.currents.testing.ExportBuilder first = new org.currents.testing.ExportBuilder();
        org.currents.testing.ExportBuilder second = new org.currents.testing.ExportBuilder();
        for (int d = 1; d <= 6; d++) {
            String[] lines = {
                ";Politics",
                "*The parliament of [[Freedonia]] meets on day " + d + ". [http://a.example/" + d + " (A News)]",
                "*A storm hits [[Sylvania]] and [[Freedonia]], day " + d + ". [http://b.example/" + d + " (B Times)]",
                d % 3 == 0
                        ? "*[[Ruritania]] elects a mayor, day " + d + ". [http://c.example/" + d + " (C Post)]"
                        : "*A [[Marsovia]] court rules, day " + d + ". [http://d.example/" + d + " (D Daily)]"
            };
            String title = String.format(FREEDONIA, d);
            first.page(title)
                    .revision(
                            100 + d,
                            "2017-07-0" + d + "T10:00:00Z",
                            "Ann",
                            "new",
                            org.currents.testing.ExportBuilder.day(lines));
            second.page(title)
                    .revision(
                            100 + d,
                            "2017-07-0" + d + "T10:00:00Z",
                            "Ann",
                            "new",
                            org.currents.testing.ExportBuilder.day(lines));
            if (d == 2) {
                String[] more = java.util.Arrays.copyOf(lines, lines.length + 1);
                more[lines.length] = "*[[Ruritania]] opens a bridge. [http://e.example/1 (E Wire)]";
                second.revision(200, "2017-07-02T12:00:00Z", "Bob", "+1", org.currents.testing.ExportBuilder.day(more));
            }
        }
        try (ArchiveStore store = Archives.open(dir)) {
            Archives.importFile(store, first.write(dir.resolve("1.xml")));
            long before = store.changeSequence();
            Archives.importFile(store, second.write(dir.resolve("2.xml")));
            assertThat(store.allRelatedLists()).isEqualTo(exact(store));
            java.util.Set<String> rewritten = store.relatedListsChangedSince(before);
            List<String> ruritania = new ArrayList<>();
            String bridge = null;
            for (EventSummary e : store.eventSummaries()) {
                if (e.contexts().stream().anyMatch(c -> c.key().equals("Ruritania"))) {
                    ruritania.add(e.id());
                }
                if (e.text().contains("bridge")) {
                    bridge = e.id();
                }
            }
            // the bridge and the two other Ruritania events (it is newer than one, older than the
            // other, and both list it); none of the 18 other events' lists
            assertThat(ruritania).hasSize(3).contains(bridge);
            assertThat(rewritten).containsExactlyInAnyOrderElementsOf(ruritania);
        }
    }

    @Test
    void anArchiveWithoutTheIndexGetsItFromItsFirstWriter() throws Exception {
        Path export = Generator.generate(dir, "g", "--pages", "4", "--revisions", "10", "--seed", "3");
        try (ArchiveStore store = Archives.open(dir)) {
            Archives.importFile(store, export);
            Map<String, List<Listed>> want = store.allRelatedLists();
            // as an archive made before the index: no lists and no mark
            store.atomically("forget the index", () -> {
                store.clearRelated();
                store.setMark(RelatedUpdate.MARK, 0);
            });
            assertThat(store.allRelatedLists()).isEmpty();
            ContextIndexer.refresh(store); // no event changed, but the index is missing
            assertThat(store.allRelatedLists()).isEqualTo(want).isEqualTo(exact(store));
        }
    }
}
