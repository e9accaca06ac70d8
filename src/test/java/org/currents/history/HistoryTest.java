package org.currents.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.currents.testing.ExportBuilder.day;

import java.nio.file.Path;
import java.util.List;
import org.currents.model.Event;
import org.currents.model.EventStatus;
import org.currents.model.EventVersion;
import org.currents.store.ArchiveStore;
import org.currents.testing.Archives;
import org.currents.testing.ExportBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Event histories across revisions: versions, reverts, removals, moves, incremental imports. */
class HistoryTest {
    static final String J9 = "Portal:Current events/2017 July 9";
    static final String J10 = "Portal:Current events/2017 July 10";
    static final String A =
            "*The parliament of [[Freedonia]] passes a budget after a long night session. [http://a.example/1 (A News)]";
    static final String A2 =
            "*The parliament of [[Freedonia]] passes the budget after an all-night session. [http://a.example/1 (A News)]";
    static final String B =
            "*A ferry capsizes off the coast of [[Sylvania]], killing 12 people. [http://b.example/2 (B Times)]";
    static final String C =
            "*Scientists in [[Latveria]] announce the discovery of a new species of frog. [http://c.example/3 (C Wire)]";

    @TempDir
    Path dir;

    private List<Event> history(ExportBuilder export, String day) {
        try (ArchiveStore store = Archives.open(dir)) {
            Archives.importFile(store, export.write(dir.resolve("export.xml")));
            return store.events(java.time.LocalDate.parse(day));
        }
    }

    private static List<String> texts(Event e) {
        return e.versions().stream().map(EventVersion::text).toList();
    }

    @Test
    void recordsAVersionOnlyWhenTextOrSourcesChange() {
        List<Event> events = history(
                new ExportBuilder()
                        .page(J9)
                        .revision(1, "2017-07-09T10:00:00Z", "Ann", "new", day(";Politics", A))
                        .revision(2, "2017-07-09T11:00:00Z", "Bob", "move", day(";Politics and elections", A))
                        .revision(3, "2017-07-09T12:00:00Z", "Cid", "ce", day(";Politics and elections", A2)),
                "2017-07-09");
        assertThat(events).hasSize(1);
        Event e = events.get(0);
        assertThat(texts(e))
                .containsExactly(
                        "The parliament of Freedonia passes a budget after a long night session.",
                        "The parliament of Freedonia passes the budget after an all-night session.");
        assertThat(e.versions().get(1).editor()).isEqualTo("Cid");
        assertThat(e.versions().get(1).comment()).isEqualTo("ce");
        assertThat(e.category()).isEqualTo("Politics and elections");
    }

    @Test
    void keepsVandalismAndItsRevertOutOfTheArchive() {
        String vandal = "*The parliament of [[Freedonia]] is STUPID LOL. [http://a.example/1 (A News)]";
        List<Event> events = history(
                new ExportBuilder()
                        .page(J9)
                        .revision(1, "2017-07-09T10:00:00Z", "Ann", "new", day(A, B))
                        .revision(2, "2017-07-09T10:05:00Z", "203.0.113.9", "", day(vandal, "*hi mom hi mom hi mom", B))
                        .revision(3, "2017-07-09T10:06:00Z", "ClueBot NG", "Reverting possible vandalism", day(A, B)),
                "2017-07-09");
        assertThat(events).hasSize(2);
        assertThat(events).allSatisfy(e -> assertThat(e.versions()).hasSize(1));
        assertThat(events).allSatisfy(e -> assertThat(e.status()).isEqualTo(EventStatus.CURRENT));
    }

    @Test
    void aRevertOfARevertBringsTheEditBack() {
        List<Event> events = history(
                new ExportBuilder()
                        .page(J9)
                        .revision(1, "2017-07-09T10:00:00Z", "Ann", "new", day(A))
                        .revision(2, "2017-07-09T10:05:00Z", "Bob", "ce", day(A2))
                        .revision(3, "2017-07-09T10:06:00Z", "Cid", "rv", day(A))
                        .revision(4, "2017-07-09T10:07:00Z", "Bob", "rv rv: the new wording is right", day(A2)),
                "2017-07-09");
        assertThat(events).hasSize(1);
        assertThat(texts(events.get(0)))
                .containsExactly(
                        "The parliament of Freedonia passes a budget after a long night session.",
                        "The parliament of Freedonia passes the budget after an all-night session.");
        assertThat(events.get(0).versions().get(1).revisionId()).isEqualTo(2);
    }

    @Test
    void aBlankedPageRestoredByARevertRemovesNothing() {
        List<Event> events = history(
                new ExportBuilder()
                        .page(J9)
                        .revision(1, "2017-07-09T10:00:00Z", "Ann", "new", day(A, B))
                        .revision(2, "2017-07-09T10:05:00Z", "203.0.113.9", "", "")
                        .revision(3, "2017-07-09T10:06:00Z", "Ann", "rv blanking", day(A, B)),
                "2017-07-09");
        assertThat(events).extracting(Event::status).containsExactly(EventStatus.CURRENT, EventStatus.CURRENT);
        assertThat(events).allSatisfy(e -> assertThat(e.versions()).hasSize(1));
    }

    @Test
    void eventsRestoredByHandAfterABlankingKeepTheirIdentity() {
        List<Event> events = history(
                new ExportBuilder()
                        .page(J9)
                        .revision(1, "2017-07-09T10:00:00Z", "Ann", "new", day(A, B))
                        .revision(2, "2017-07-09T10:05:00Z", "203.0.113.9", "", "lol")
                        .revision(3, "2017-07-09T10:09:00Z", "Ann", "restore, + C", day(A, B, C)),
                "2017-07-09");
        assertThat(events).hasSize(3);
        assertThat(events).allSatisfy(e -> assertThat(e.versions()).hasSize(1));
        assertThat(events.get(0).versions().get(0).revisionId()).isEqualTo(1);
        assertThat(events.get(2).versions().get(0).revisionId()).isEqualTo(3);
    }

    @Test
    void anEventDeletedForGoodStaysMarkedRemovedWithTheRevisionThatRemovedIt() {
        List<Event> events = history(
                new ExportBuilder()
                        .page(J9)
                        .revision(1, "2017-07-09T10:00:00Z", "Ann", "new", day(A, B))
                        .revision(2, "2017-07-09T11:00:00Z", "Bob", "rm duplicate", day(A))
                        .revision(3, "2017-07-09T12:00:00Z", "Cid", "+", day(A, C)),
                "2017-07-09");
        Event removed = events.stream()
                .filter(e -> e.status() == EventStatus.REMOVED)
                .findFirst()
                .orElseThrow();
        assertThat(removed.text()).startsWith("A ferry capsizes");
        assertThat(removed.removedRevisionId()).isEqualTo(2);
        assertThat(removed.removedAt()).hasToString("2017-07-09T11:00:00Z");
        assertThat(events).filteredOn(e -> e.status() == EventStatus.CURRENT).hasSize(2);
    }

    @Test
    void twoEventsWithIdenticalTextKeepTwoIdentities() {
        List<Event> events = history(
                new ExportBuilder()
                        .page(J9)
                        .revision(1, "2017-07-09T10:00:00Z", "Ann", "new", day(";Politics", A, ";Business", A))
                        .revision(2, "2017-07-09T11:00:00Z", "Bob", "+", day(";Politics", A, ";Business", A, B)),
                "2017-07-09");
        assertThat(events).hasSize(3);
        assertThat(events).extracting(Event::id).doesNotHaveDuplicates();
        assertThat(events).allSatisfy(e -> assertThat(e.versions()).hasSize(1));
    }

    @Test
    void undoOfAnEarlierEditTakesItsVersionBack() {
        List<Event> events = history(
                new ExportBuilder()
                        .page(J9)
                        .revision(1, "2017-07-09T10:00:00Z", "Ann", "new", day(A, B))
                        .revision(2, "2017-07-09T10:05:00Z", "Bob", "ce", day(A2, B))
                        .revision(3, "2017-07-09T10:06:00Z", "Cid", "+ C", day(A2, B, C))
                        .revision(4, "2017-07-09T10:07:00Z", "Ann", "Undid revision 2 by Bob (talk)", day(A, B, C)),
                "2017-07-09");
        Event a = events.get(0);
        assertThat(texts(a)).containsExactly("The parliament of Freedonia passes a budget after a long night session.");
        assertThat(events).hasSize(3);
    }

    @Test
    void anEventMovedToAnotherDayKeepsItsIdentityAndItsPagesMove() {
        Path file = new ExportBuilder()
                .page(J9)
                .revision(1, "2017-07-09T10:00:00Z", "Ann", "new", day(A, B))
                .revision(3, "2017-07-10T09:00:00Z", "Bob", "moved to July 10", day(A))
                .page(J10)
                .revision(2, "2017-07-10T08:00:00Z", "Cid", "new", day(C))
                .revision(4, "2017-07-10T09:01:00Z", "Bob", "moved from July 9", day(C, B))
                .write(dir.resolve("moves.xml"));
        try (ArchiveStore store = Archives.open(dir)) {
            ImportSummary s = Archives.importFile(store, file);
            assertThat(s.eventsMoved()).isEqualTo(1);
            List<Event> july9 = store.events(java.time.LocalDate.parse("2017-07-09"));
            List<Event> july10 = store.events(java.time.LocalDate.parse("2017-07-10"));
            assertThat(july9)
                    .extracting(Event::text)
                    .containsExactly("The parliament of Freedonia passes a budget after a long night session.");
            Event moved = july10.stream()
                    .filter(e -> e.text().startsWith("A ferry"))
                    .findFirst()
                    .orElseThrow();
            assertThat(moved.movedFrom()).containsExactly(java.time.LocalDate.parse("2017-07-09"));
            assertThat(moved.versions()).hasSize(1);
            assertThat(moved.versions().get(0).revisionId()).isEqualTo(1);
            assertThat(moved.status()).isEqualTo(EventStatus.CURRENT);
        }
    }

    @Test
    void importingNewerRevisionsLaterGivesTheSameHistoryAsOneImport() {
        ExportBuilder first = new ExportBuilder()
                .page(J9)
                .revision(1, "2017-07-09T10:00:00Z", "Ann", "new", day(A, B))
                .revision(2, "2017-07-09T10:05:00Z", "Bob", "ce", day(A2, B));
        ExportBuilder all = new ExportBuilder()
                .page(J9)
                .revision(1, "2017-07-09T10:00:00Z", "Ann", "new", day(A, B))
                .revision(2, "2017-07-09T10:05:00Z", "Bob", "ce", day(A2, B))
                .revision(3, "2017-07-09T10:06:00Z", "203.0.113.9", "", day(A2))
                .revision(4, "2017-07-09T10:07:00Z", "Cid", "rv", day(A2, B))
                .revision(5, "2017-07-09T10:08:00Z", "Cid", "+", day(A2, B, C));
        List<Event> once;
        try (ArchiveStore store = Archives.open(dir.resolve("once").toFile().mkdirs() ? dir.resolve("once") : dir)) {
            Archives.importFile(store, all.write(dir.resolve("all.xml")));
            once = store.events(java.time.LocalDate.parse("2017-07-09"));
        }
        List<Event> twice;
        Path d2 = dir.resolve("twice");
        d2.toFile().mkdirs();
        try (ArchiveStore store = Archives.open(d2)) {
            Archives.importFile(store, first.write(dir.resolve("first.xml")));
            ImportSummary s = Archives.importFile(store, dir.resolve("all.xml"));
            assertThat(s.revisionsKnown()).isEqualTo(2);
            assertThat(s.revisionsNew()).isEqualTo(3);
            twice = store.events(java.time.LocalDate.parse("2017-07-09"));
        }
        assertThat(twice).isEqualTo(once);
    }

    @Test
    void aRevisionOlderThanTheTrackedHistoryIsKeptAndPlacedByRebuild() {
        ExportBuilder late = new ExportBuilder()
                .page(J9)
                .revision(1, "2017-07-09T10:00:00Z", "Ann", "new", day(A))
                .revision(3, "2017-07-09T12:00:00Z", "Cid", "+ C", day(A2, B, C));
        ExportBuilder early =
                new ExportBuilder().page(J9).revision(2, "2017-07-09T11:00:00Z", "Bob", "+ B", day(A2, B));
        try (ArchiveStore store = Archives.open(dir)) {
            Archives.importFile(store, late.write(dir.resolve("late.xml")));
            ImportSummary s = Archives.importFile(store, early.write(dir.resolve("early.xml")));
            assertThat(s.notes())
                    .anySatisfy(n -> assertThat(n).contains("revision 2").contains("rebuild"));
            Rebuilder.rebuild(store, line -> {});
            Event a = store.events(java.time.LocalDate.parse("2017-07-09")).get(0);
            assertThat(a.versions()).extracting(EventVersion::revisionId).containsExactly(1L, 2L);
        }
    }
}
