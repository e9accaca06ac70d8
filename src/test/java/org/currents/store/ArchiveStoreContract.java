package org.currents.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.currents.model.Context;
import org.currents.model.Event;
import org.currents.model.EventStatus;
import org.currents.model.ParsedEvent;
import org.currents.model.Problem;
import org.currents.model.Revision;
import org.currents.model.Source;
import org.currents.model.SourceMeta;
import org.currents.model.WikiPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ArchiveStore} must do, whatever keeps the data: a subclass says how to
 * open a fresh archive and how to open it again. SQLite runs it now; PostgreSQL will.
 */
public abstract class ArchiveStoreContract {
    protected static final WikiPage JULY_9 =
            new WikiPage("Portal:Current events/2017 July 9", LocalDate.of(2017, 7, 9), 52770001);
    protected static final WikiPage JULY_10 =
            new WikiPage("Portal:Current events/2017 July 10", LocalDate.of(2017, 7, 10), 52770002);

    protected ArchiveStore store;

    /** A new, empty archive, each call a different one. */
    protected abstract ArchiveStore openFresh() throws Exception;

    /** The archive {@link #openFresh} last made, opened again after it was closed. */
    protected abstract ArchiveStore reopen() throws Exception;

    @BeforeEach
    void open() throws Exception {
        store = openFresh();
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void startsEmpty() {
        assertThat(store.pages()).isEmpty();
        assertThat(store.days()).isEmpty();
        assertThat(store.changeSequence()).isZero();
        assertThat(store.stats()).containsKeys("pages", "revisions", "events", "versions", "problems");
        assertThat(store.stats().values()).allMatch(v -> v == 0L);
    }

    @Test
    void givesAPageOneIdAndWritesItWithItsFirstCommit() throws Exception {
        long id = store.page(JULY_9);
        long other = store.page(JULY_10);

        assertThat(store.page(JULY_9)).isEqualTo(id);
        assertThat(other).isNotEqualTo(id);
        assertThat(store.pages()).as("no page before its first commit").isEmpty();
        assertThat(store.pageState(id).page()).isEqualTo(JULY_9);
        assertThat(store.pageState(id).revisions()).isEmpty();
        assertThat(store.revisionIds(id)).isEmpty();

        store.commit(Update.of(id, JULY_9.day())
                .revision(1001, "2017-07-09T03:00:00Z", event("Iraqi forces recapture Mosul.", 1))
                .build());
        store.commit(Update.of(other, JULY_10.day(), "b").build());

        assertThat(store.page(JULY_9)).isEqualTo(id);
        assertThat(store.page(JULY_10)).isEqualTo(other);
        assertThat(store.pages())
                .extracting(StoredPage::id, StoredPage::title, StoredPage::day, StoredPage::revisions)
                .containsExactly(
                        tuple(id, JULY_9.title(), JULY_9.day(), 1L), tuple(other, JULY_10.title(), JULY_10.day(), 0L));
        store.close();
        store = reopen();
        assertThat(store.page(JULY_9)).isEqualTo(id);
        assertThat(store.pages()).hasSize(2);
    }

    @Test
    void forgetsAPageWhoseOnlyCommitFailed() {
        long id = store.page(JULY_9);
        PageUpdate good = Update.of(id, JULY_9.day())
                .revision(1001, "2017-07-09T03:00:00Z", event("Iraqi forces recapture Mosul.", 1))
                .build();

        assertThatThrownBy(() -> store.commit(withoutBullets(good))).isInstanceOf(IllegalStateException.class);

        assertThat(store.pages()).isEmpty();
        assertThat(store.stats()).containsEntry("pages", 0L);
        store.commit(good);
        assertThat(store.pages()).extracting(StoredPage::id).containsExactly(id);
    }

    @Test
    void refusesARevisionThatAnotherPageHoldsAndWritesNothingOfTheCommit() {
        long july9 = store.page(JULY_9);
        store.commit(Update.of(july9, JULY_9.day())
                .revision(1001, "2017-07-09T03:00:00Z", event("Iraqi forces recapture Mosul.", 1))
                .build());
        long july10 = store.page(JULY_10);
        PageUpdate stolen = Update.of(july10, JULY_10.day(), "b")
                .revision(2001, "2017-07-10T03:00:00Z", event("A KC-130T crashes in Mississippi.", 1))
                .revision(1001, "2017-07-10T04:00:00Z", event("A KC-130T crashes in Mississippi.", 1))
                .build();

        assertThatThrownBy(() -> store.commit(stolen))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("revision 1001 belongs to page " + july9 + " in the archive, not to page " + july10);
        assertThat(store.revisionIds(july9)).containsExactly(1001L);
        assertThat(store.revisionIds(july10)).isEmpty();
        assertThat(store.stats()).containsEntry("revisions", 1L).containsEntry("pages", 1L);
    }

    @Test
    void marksAPageMissingThatWasNeverCommitted() {
        long id = store.page(JULY_10);

        store.markMissing(JULY_10);

        assertThat(store.pages())
                .extracting(StoredPage::id, StoredPage::missing)
                .containsExactly(tuple(id, true));
        assertThat(store.page(JULY_10)).isEqualTo(id);
    }

    @Test
    void mergesAnEventMovedToAnotherDay() {
        long july9 = store.page(JULY_9);
        long july10 = store.page(JULY_10);
        store.commit(Update.of(july9, JULY_9.day(), "a")
                .revision(1001, "2017-07-09T03:00:00Z", event("A KC-130T crashes in Mississippi.", 1))
                .build());
        store.commit(Update.of(july10, JULY_10.day(), "b")
                .revision(2001, "2017-07-10T03:00:00Z", event("A KC-130T crashes in Mississippi.", 1))
                .build());
        store.replaceContexts(Map.of(
                "a1", List.of(new Context("Mississippi", "Mississippi")),
                "b1", List.of(new Context("Lockheed C-130 Hercules", "KC-130T"))));
        long sequence = store.changeSequence();

        store.mergeMovedEvent("a1", "b1", new Move(JULY_9.day(), JULY_10.day(), 1002, 2001));

        Event moved = store.event("a1").orElseThrow();
        assertThat(moved.day()).isEqualTo(JULY_10.day());
        assertThat(store.event("b1")).as("the merged id stays resolvable").contains(moved);
        assertThat(store.events(JULY_9.day())).isEmpty();
        assertThat(store.events(JULY_10.day())).extracting(Event::id).containsExactly("a1");
        assertThat(store.stats()).containsEntry("events", 1L).containsEntry("events_moved", 1L);
        assertThat(store.eventsChangedSince(sequence)).containsExactly("a1");
    }

    @Test
    void commitsRevisionsObservationsVersionsAndEventsOfAPage() {
        long page = store.page(JULY_9);
        ParsedEvent mosul = event("Iraqi forces recapture Mosul.", 1);
        ParsedEvent federer = event("Roger Federer wins Wimbledon.", 2);

        store.commit(Update.of(page, JULY_9.day())
                .revision(1001, "2017-07-09T03:00:00Z", mosul)
                .revision(1002, "2017-07-09T04:00:00Z", mosul, federer)
                .build());

        assertThat(store.revisionIds(page)).containsExactlyInAnyOrder(1001L, 1002L);
        assertThat(store.newestRevisionId(page)).isEqualTo(1002);
        assertThat(store.knownRevisions(List.of(1001L, 1002L, 999L)))
                .containsExactlyInAnyOrderEntriesOf(Map.of(1001L, page, 1002L, page));
        PageState state = store.pageState(page);
        assertThat(state.page()).isEqualTo(JULY_9);
        assertThat(state.revisions()).extracting(StoredRevision::id).containsExactly(1001L, 1002L);
        assertThat(state.revisions().get(1).eventCount()).isEqualTo(2);
        assertThat(state.observations()).hasSize(3);
        assertThat(state.bullets()).containsKeys(BulletKeys.of(mosul), BulletKeys.of(federer));
        assertThat(state.events()).containsOnlyKeys("e1", "e2");
        List<Event> events = store.events(JULY_9.day());
        assertThat(events).extracting(Event::id).containsExactly("e1", "e2");
        assertThat(events.get(1).text()).isEqualTo("Roger Federer wins Wimbledon.");
        assertThat(events.get(1).versions()).hasSize(1);
        assertThat(store.days()).containsExactly(JULY_9.day());
        assertThat(store.event("e2")).map(Event::day).contains(JULY_9.day());
        assertThat(store.changeSequence()).isPositive();
        Map<String, Long> stats = store.stats();
        assertThat(stats).containsEntry("pages", 1L).containsEntry("revisions", 2L);
        assertThat(stats).containsEntry("observed_events", 3L).containsEntry("events", 2L);
        assertThat(stats).containsEntry("versions", 2L).containsEntry("distinct_bullets", 2L);
    }

    @Test
    void buildsDeferredSearchRowsWhenTheWriterFinishesAndRefusesSearchUntilThen() throws Exception {
        List<String> queries = List.of("Federer", "Mosul", "Wimbledon OR Iraqi");
        writeTwoRevisions(store, true);
        assertThatThrownBy(() -> store.search(SearchQuery.of("Federer", 10)))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("search is not ready");
        store.close(); // as a writer killed before it finished: the mark stays
        store = reopen();
        assertThatThrownBy(() -> store.search(SearchQuery.of("Mosul", 10))).hasMessageContaining("search is not ready");
        // a later page (a cursor from before the interruption) is refused as well, not served from a part index
        assertThatThrownBy(() -> store.search(new SearchQuery("Mosul", null, null, null, null, null, null, 10, 10, 99)))
                .hasMessageContaining("search is not ready");

        store.writingFinished(); // the next writer's end builds what is missing

        Map<String, List<?>> built = new LinkedHashMap<>();
        for (String q : queries) {
            built.put(q, hitsOf(store.search(SearchQuery.of(q, 10))));
        }
        assertThat(store.search(SearchQuery.of("Federer", 10)).hits())
                .extracting(SearchHit::id)
                .containsExactly("e2");
        store.writingFinished(); // nothing left to build: no row twice
        assertThat(store.search(SearchQuery.of("Mosul", 10)).hits()).hasSize(2);

        // the same writes indexed version by version find the same
        store.close();
        store = openFresh();
        writeTwoRevisions(store, false);
        for (String q : queries) {
            assertThat(built.get(q)).as(q).isNotEmpty().isEqualTo(hitsOf(store.search(SearchQuery.of(q, 10))));
        }
    }

    private static List<?> hitsOf(SearchPage page) {
        return page.hits().stream()
                .map(h -> List.of(h.id(), h.snippet(), h.status(), h.day()))
                .toList();
    }

    /** Revision 1001 indexed as written; 1002 after {@link ArchiveStore#deferSearch} when {@code defer}. */
    private static void writeTwoRevisions(ArchiveStore s, boolean defer) {
        long page = s.page(JULY_9);
        s.commit(Update.of(page, JULY_9.day())
                .revision(1001, "2017-07-09T03:00:00Z", event("Iraqi forces recapture Mosul.", 1))
                .build());
        if (defer) {
            s.deferSearch();
        }
        s.commit(Update.of(page, JULY_9.day())
                .revision(1001, "2017-07-09T03:00:00Z", event("Iraqi forces recapture Mosul.", 1))
                .revision(
                        1002,
                        "2017-07-09T04:00:00Z",
                        event("Iraqi forces recapture Mosul.", 1),
                        event("Roger Federer wins Wimbledon in Mosul.", 2))
                .build());
    }

    @Test
    void keepsEverythingWhenReopened() throws Exception {
        long page = store.page(JULY_9);
        store.commit(Update.of(page, JULY_9.day())
                .revision(1001, "2017-07-09T03:00:00Z", event("Iraqi forces recapture Mosul.", 1))
                .build());
        store.setMark("contexts", 7);
        Map<String, Long> before = store.stats();
        List<Event> eventsBefore = store.events(JULY_9.day());
        store.close();

        store = reopen();

        assertThat(store.stats()).isEqualTo(before);
        assertThat(store.events(JULY_9.day())).isEqualTo(eventsBefore);
        assertThat(store.mark("contexts")).isEqualTo(7);
        assertThat(store.page(JULY_9)).isEqualTo(page);
    }

    @Test
    void commitsAllOrNothingWhenAnUpdateBreaksHalfway() {
        long page = store.page(JULY_9);
        store.commit(Update.of(page, JULY_9.day())
                .revision(1001, "2017-07-09T03:00:00Z", event("Iraqi forces recapture Mosul.", 1))
                .build());
        Map<String, Long> before = store.stats();
        long sequence = store.changeSequence();
        long other = store.page(JULY_10);
        PageUpdate good = Update.of(other, JULY_10.day())
                .revision(1011, "2017-07-10T03:00:00Z", event("A KC-130T crashes in Mississippi.", 1))
                .build();
        assertThatThrownBy(() -> store.commit(withoutBullets(good)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("e1")
                .hasMessageContaining(BulletKeys.of(event("A KC-130T crashes in Mississippi.", 1)));

        assertThat(store.revisionIds(other)).isEmpty();
        assertThat(store.knownRevisions(List.of(1011L))).isEmpty();
        assertThat(store.pageState(other).observations()).isEmpty();
        assertThat(store.events(JULY_10.day())).isEmpty();
        assertThat(store.stats()).isEqualTo(before);
        assertThat(store.pages()).extracting(StoredPage::id).containsExactly(page);
        assertThat(store.changeSequence()).isEqualTo(sequence);
        // and the store still works
        store.commit(good);
        assertThat(store.revisionIds(other)).containsExactly(1011L);
    }

    @Test
    void refusesARevisionThatBelongsToAnotherPage() {
        long page = store.page(JULY_9);
        store.commit(Update.of(page, JULY_9.day())
                .revision(1001, "2017-07-09T03:00:00Z", event("Iraqi forces recapture Mosul.", 1))
                .build());
        Map<String, Long> before = store.stats();
        long other = store.page(JULY_10);

        assertThatThrownBy(() -> store.commit(Update.of(other, JULY_10.day())
                        .revision(1001, "2017-07-10T03:00:00Z", event("A KC-130T crashes.", 1))
                        .build()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("revision 1001")
                .hasMessageContaining("page " + page);

        assertThat(store.knownRevisions(List.of(1001L))).containsEntry(1001L, page);
        assertThat(store.stats()).isEqualTo(before);
    }

    @Test
    void looksUpManyRevisionIdsAtOnce() {
        long page = store.page(JULY_9);
        Update u = Update.of(page, JULY_9.day());
        LongStream.rangeClosed(1, 1200).forEach(id -> u.revision(id, Instant.ofEpochSecond(1_500_000_000 + id)));
        store.commit(u.build());

        List<Long> asked = LongStream.rangeClosed(1, 2400).boxed().collect(Collectors.toList());

        assertThat(store.knownRevisions(asked)).hasSize(1200).containsEntry(1200L, page);
        assertThat(store.revisionIds(page)).hasSize(1200);
    }

    @Test
    void countsEveryProblemEvenWhenTheParserKeptOnlyTheFirst() {
        long page = store.page(JULY_9);
        List<Problem> problems = new ArrayList<>();
        for (int k = 1; k <= 100; k++) {
            problems.add(new Problem(k, 1, "unclosed [[ at line " + k));
        }
        Revision r = new Revision(1001, 0, Instant.parse("2017-07-09T03:00:00Z"), "Ed", "", "", "*x", false);
        store.commit(new PageUpdate(
                page,
                List.of(new PageUpdate.NewRevision(r, 0, problems, 250, 0, false, true)),
                Map.of(),
                List.of(),
                Map.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of()));

        assertThat(store.pageState(page).revisions().get(0).problemCount()).isEqualTo(250);
        assertThat(store.stats()).containsEntry("problems", 250L);
    }

    @Test
    void marksPagesMissing() {
        store.markMissing(JULY_10);

        assertThat(store.pages()).singleElement().satisfies(p -> {
            assertThat(p.title()).isEqualTo(JULY_10.title());
            assertThat(p.missing()).isTrue();
        });
        assertThat(store.stats()).containsEntry("pages_missing", 1L);
    }

    @Test
    void forgetsHistoriesButKeepsPagesRevisionsAndObservations() {
        long page = store.page(JULY_9);
        store.commit(Update.of(page, JULY_9.day())
                .revision(1001, "2017-07-09T03:00:00Z", event("Iraqi forces recapture Mosul.", 1))
                .build());
        store.replaceContexts(Map.of("e1", List.of(new Context("Mosul", "Mosul"))));

        store.resetHistories();

        assertThat(store.revisionIds(page)).containsExactly(1001L);
        assertThat(store.pageState(page).observations()).hasSize(1);
        assertThat(store.events(JULY_9.day())).isEmpty();
        assertThat(store.stats()).containsEntry("events", 0L).containsEntry("contexts", 0L);
    }

    @Test
    void replacesContextsAndRemembersMarks() {
        long page = store.page(JULY_9);
        store.commit(Update.of(page, JULY_9.day())
                .revision(1001, "2017-07-09T03:00:00Z", event("Iraqi forces recapture Mosul.", 1))
                .build());

        store.replaceContexts(Map.of("e1", List.of(new Context("Mosul", "Mosul"), new Context("Iraq", "Iraq"))));
        store.replaceContexts(Map.of("e1", List.of(new Context("Mosul", "Mosul"))));
        store.setMark("contexts", 3);
        store.setMark("contexts", 4);

        assertThat(store.events(JULY_9.day()).get(0).contexts()).containsExactly(new Context("Mosul", "Mosul"));
        assertThat(store.mark("contexts")).isEqualTo(4);
        assertThat(store.mark("never set")).isZero();
    }

    /**
     * Events in brief come by day, then position, then id, even where a removed event and a
     * current one share a position and were written in the other order; events with the same
     * spelling of a context share one {@link Context}.
     */
    @Test
    void givesEveryEventInBriefByDayPositionAndIdWithSharedContexts() {
        long page = store.page(JULY_9);
        PageUpdate u = Update.of(page, JULY_9.day())
                .revision(
                        1001,
                        "2017-07-09T03:00:00Z",
                        event("Iraqi forces recapture Mosul.", 0),
                        event("A storm reaches Manila.", 1))
                .build();
        List<EventRow> rows = new ArrayList<>(u.events());
        EventRow second = rows.get(1);
        rows.add(new EventRow(
                "d1",
                page,
                JULY_9.day(),
                1001,
                second.bulletKey(),
                1,
                EventStatus.REMOVED,
                1001,
                Instant.parse("2017-07-09T03:00:00Z")));
        store.commit(new PageUpdate(
                u.pageId(),
                u.revisions(),
                u.bullets(),
                u.observations(),
                Map.of(),
                u.versions(),
                List.of(),
                rows,
                List.of()));
        store.replaceContexts(Map.of(
                "e0", List.of(new Context("Mosul", "Mosul")),
                "e1", List.of(new Context("Mosul", "Mosul"), new Context("Manila", "Manila"))));

        List<org.currents.store.EventSummary> all = store.eventSummaries();
        assertThat(all).extracting(org.currents.store.EventSummary::id).containsExactly("e0", "d1", "e1");
        assertThat(all.get(2).contexts().get(0)).isEqualTo(new Context("Manila", "Manila"));
        assertThat(all.get(2).contexts().get(1)).isSameAs(all.get(0).contexts().get(0));
    }

    @Test
    void ranksKeepsAndForgetsRelatedLists() {
        long july9 = store.page(JULY_9);
        store.commit(Update.of(july9, JULY_9.day())
                .revision(
                        1001,
                        "2017-07-09T03:00:00Z",
                        event("One.", 1),
                        event("Two.", 2),
                        event("Three.", 3),
                        event("Four.", 4))
                .build());
        long july10 = store.page(JULY_10);
        store.commit(Update.of(july10, JULY_10.day(), "f")
                .revision(1002, "2017-07-10T03:00:00Z", event("Five.", 1), event("Six.", 2))
                .build());
        Context a = new Context("Mosul", "Mosul");
        Context b = new Context("Iraq", "Iraq");
        store.replaceContexts(Map.of(
                "e1", List.of(a, b),
                "e2", List.of(a),
                "e3", List.of(a, b),
                "e4", List.of(a),
                "f1", List.of(a),
                "f2", List.of(b)));
        List<String> ids = List.of("e1", "e2", "e3", "e4", "f1", "f2");
        Map<String, RelatedStore.Member> members = store.currentMembers(ids);
        assertThat(members.get("f1")).isEqualTo(new RelatedStore.Member("f1", JULY_10.day(), 1, true));
        List<RelatedStore.Member> saved = new ArrayList<>(members.values());
        saved.replaceAll(m -> m.id().equals("f2") ? new RelatedStore.Member("f2", m.day(), m.position(), false) : m);
        store.saveMembers(saved);
        assertThat(store.indexedMembers(List.of("f2", "nobody")))
                .containsOnlyKeys("f2")
                .containsValue(new RelatedStore.Member("f2", JULY_10.day(), 2, false));

        // most shared contexts first, then the newest day, then the position; never itself, never
        // an event that may not be listed
        List<RelatedStore.Listed> ranked = store.rankRelated("e1", 5);
        assertThat(ranked)
                .containsExactly(
                        new RelatedStore.Listed("e3", 2),
                        new RelatedStore.Listed("f1", 1),
                        new RelatedStore.Listed("e2", 1),
                        new RelatedStore.Listed("e4", 1));
        assertThat(store.rankRelated("e1", 2)).containsExactlyElementsOf(ranked.subList(0, 2));
        assertThat(store.eventsWithContexts(List.of("Iraq")))
                .isEqualTo(Map.of("e1", Set.of("Iraq"), "e3", Set.of("Iraq"), "f2", Set.of("Iraq")));

        store.saveRelatedLists(Map.of("e1", ranked, "e3", ranked.subList(0, 1)), 7);
        store.saveRelatedLists(Map.of("e3", List.of(new RelatedStore.Listed("e1", 2))), 8);
        assertThat(store.relatedLists(List.of("e1", "e2"))).isEqualTo(Map.of("e1", ranked, "e2", List.of()));
        assertThat(store.allRelatedLists())
                .isEqualTo(Map.of("e1", ranked, "e3", List.of(new RelatedStore.Listed("e1", 2))));
        assertThat(store.listing(List.of("f1", "e1"))).containsExactlyInAnyOrder("e1", "e3");
        assertThat(store.relatedListsChangedSince(6)).containsExactlyInAnyOrder("e1", "e3");
        assertThat(store.relatedListsChangedSince(7)).containsExactly("e3");
        assertThatThrownBy(() -> store.saveRelatedLists(
                        Map.of("e2", java.util.Collections.nCopies(6, new RelatedStore.Listed("e1", 1))), 9))
                .hasMessageContaining("at most 5");
        assertThat(store.relatedLists(List.of("e2"))).isEqualTo(Map.of("e2", List.of()));

        assertThat(store.indexedButGone()).isEmpty();
        store.saveMembers(List.of(new RelatedStore.Member("gone", JULY_9.day(), 9, true)));
        assertThat(store.indexedButGone()).containsExactly("gone");
        store.forgetMembers(List.of("gone", "e1"));
        assertThat(store.indexedButGone()).isEmpty();
        assertThat(store.indexedMembers(List.of("e1", "e3"))).containsOnlyKeys("e3");
        assertThat(store.allRelatedLists()).containsOnlyKeys("e3");

        store.clearRelated();
        assertThat(store.allRelatedLists()).isEmpty();
        assertThat(store.indexedMembers(ids)).isEmpty();

        // the whole index at once: every old member and list gone, every new list marked
        store.saveMembers(saved);
        store.saveRelatedLists(Map.of("e2", List.of(new RelatedStore.Listed("e4", 1))), 10);
        List<RelatedStore.Member> whole = List.of(members.get("f1"), members.get("e3"), members.get("e1"));
        store.replaceRelatedIndex(
                whole, Map.of("e1", ranked, "e3", List.of(new RelatedStore.Listed("e1", 2)), "f1", List.of()), 11);
        assertThat(store.allRelatedLists())
                .isEqualTo(Map.of("e1", ranked, "e3", List.of(new RelatedStore.Listed("e1", 2))));
        assertThat(store.indexedMembers(ids))
                .containsOnlyKeys("e1", "e3", "f1")
                .containsValues(whole.toArray(RelatedStore.Member[]::new));
        assertThat(store.relatedListsChangedSince(10)).containsExactlyInAnyOrder("e1", "e3", "f1");
        assertThat(store.relatedListsChangedSince(11)).isEmpty();
        assertThatThrownBy(() -> store.replaceRelatedIndex(whole, Map.of("e2", List.of()), 12))
                .hasMessageContaining("not a member: e2");
        assertThatThrownBy(() -> store.replaceRelatedIndex(
                        whole, Map.of("e1", java.util.Collections.nCopies(6, new RelatedStore.Listed("e3", 1))), 12))
                .hasMessageContaining("at most 5");
        assertThat(store.allRelatedLists())
                .as("a refused replacement changes nothing")
                .containsOnlyKeys("e1", "e3");
    }

    @Test
    void keepsSourceMetadataByUrl() {
        SourceMeta meta = SourceMeta.builder(
                        "http://www.bbc.com/news/world-middle-east-40548846",
                        "ok",
                        Instant.parse("2024-01-02T03:04:05Z"))
                .finalUrl("https://www.bbc.com/news/world-middle-east-40548846")
                .httpStatus(200)
                .title("Mosul: Iraq PM in city to celebrate victory over IS")
                .description("Haider al-Abadi congratulates the armed forces.")
                .siteName("BBC News")
                .published("2017-07-09")
                .language("en")
                .build();

        store.saveSourceMeta(meta);

        assertThat(store.sourceMeta(List.of(meta.url(), "http://unknown.example/")))
                .containsExactlyEntriesOf(Map.of(meta.url(), meta));
        assertThat(store.stats()).containsEntry("sources_enriched", 1L);
    }

    // ---- helpers

    protected static ParsedEvent event(String text, int position) {
        return new ParsedEvent(
                "Armed conflicts and attacks",
                List.of("Battle of Mosul"),
                text,
                List.of("Mosul"),
                List.of(new Source("http://example.org/" + text.hashCode(), "Example")),
                position,
                position + 2,
                false);
    }

    /**
     * {@code update} whose event rows name bullets it does not carry: the store finds out after
     * writing revisions, observations and versions, and must take them all back.
     */
    protected static PageUpdate withoutBullets(PageUpdate update) {
        return new PageUpdate(
                update.pageId(),
                update.revisions(),
                Map.of(),
                update.observations(),
                update.revertedFlags(),
                update.versions(),
                update.undone(),
                update.events(),
                update.deletedEvents());
    }

    /**
     * Builds the update the version tracker would write for a page whose revisions add events
     * and never change them: event {@code <prefix><k>} is the bullet at position k.
     */
    protected static final class Update {
        private final long pageId;
        private final LocalDate day;
        private final String prefix;
        private final List<PageUpdate.NewRevision> revisions = new ArrayList<>();
        private final Map<String, ParsedEvent> bullets = new LinkedHashMap<>();
        private final List<Observation> observations = new ArrayList<>();
        private final List<StoredVersion> versions = new ArrayList<>();
        private final Map<String, EventRow> events = new LinkedHashMap<>();
        private long previous;

        private Update(long pageId, LocalDate day, String prefix) {
            this.pageId = pageId;
            this.day = day;
            this.prefix = prefix;
        }

        static Update of(long pageId, LocalDate day) {
            return of(pageId, day, "e");
        }

        /** Event ids of this page start with {@code prefix}. */
        static Update of(long pageId, LocalDate day, String prefix) {
            return new Update(pageId, day, prefix);
        }

        Update revision(long id, String timestamp, ParsedEvent... parsed) {
            return revision(id, Instant.parse(timestamp), parsed);
        }

        Update revision(long id, Instant timestamp, ParsedEvent... parsed) {
            Revision r = new Revision(id, previous, timestamp, "Editor One", "", "", "", false);
            revisions.add(new PageUpdate.NewRevision(r, parsed.length, List.of(), previous, false, false));
            for (ParsedEvent e : parsed) {
                String key = BulletKeys.of(e);
                String eventId = prefix + e.position();
                bullets.put(key, e);
                observations.add(new Observation(id, e.position(), key, eventId));
                if (!events.containsKey(eventId)) {
                    versions.add(new StoredVersion(eventId, id, key, 0));
                    events.put(
                            eventId,
                            new EventRow(eventId, pageId, day, id, key, e.position(), EventStatus.CURRENT, 0, null));
                }
            }
            previous = id;
            return this;
        }

        PageUpdate build() {
            return new PageUpdate(
                    pageId,
                    revisions,
                    bullets,
                    observations,
                    Map.of(),
                    versions,
                    List.of(),
                    new ArrayList<>(events.values()),
                    List.of());
        }
    }

    @Test
    void workRunAtomicallyCommitsAllOfItsWritesOrNone() {
        assertThatThrownBy(() -> store.atomically("a failing step", () -> {
                    store.setMark("first", 1);
                    store.setMark("second", 2);
                    throw new IllegalStateException("the step broke");
                }))
                .hasMessage("the step broke");
        assertThat(store.mark("first")).isZero();
        assertThat(store.mark("second")).isZero();

        assertThat(store.atomically("a step", () -> {
                    store.setMark("first", 1);
                    return store.mark("first");
                }))
                .isEqualTo(1);
        assertThat(store.mark("first")).isEqualTo(1);
    }

    @Test
    void aWriterThatStartedIsReportedUnfinishedUntilOneFinishes() throws Exception {
        assertThat(store.unfinished()).isEmpty();
        try (ArchiveStore.Lock lock = store.lockForWriting("currents import")) {
            store.writingStarted();
            assertThat(store.unfinished())
                    .get()
                    .asString()
                    .contains("currents import")
                    .contains("writing to it now");
        }
        store.close();
        store = reopen();
        assertThat(store.unfinished()).get().asString().contains("did not finish");
        try (ArchiveStore.Lock lock = store.lockForWriting("currents import")) {
            store.writingStarted();
            store.writingFinished();
        }
        assertThat(store.unfinished()).isEmpty();
    }
}
