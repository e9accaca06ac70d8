package org.currents.source.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.currents.model.Revision;
import org.currents.source.DayPageTitle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ApiRevisionSourceTest {
    static final LocalDate DAY = LocalDate.of(2017, 7, 9);
    static final String TITLE = DayPageTitle.of(DAY);
    static final Path EXPORT = Path.of("src/test/resources/source/api/history-3x12.xml");

    FakeMediaWiki wiki;
    MediaWikiApi api;
    RecordingSink sink = new RecordingSink();
    RecordingObserver observer = new RecordingObserver();

    @BeforeEach
    void start() throws Exception {
        wiki = FakeMediaWiki.start();
        api = open(wiki);
    }

    @AfterEach
    void stop() {
        wiki.close();
    }

    static MediaWikiApi open(FakeMediaWiki wiki) {
        return MediaWikiApi.open(
                ApiOptions.newBuilder()
                        .api(wiki.api())
                        .contact("https://example.org/currents-tests")
                        .build(),
                new RecordingSleeper(),
                new SplittableRandom(1));
    }

    ReadSummary sync(LocalDate from, LocalDate to, KnownRevisions known) throws Exception {
        ApiRevisionSource source = ApiRevisionSource.newBuilder(api)
                .days(from, to)
                .known(known)
                .observer(observer)
                .build();
        source.readInto(sink);
        assertThat(sink.hasOpenPage()).as("a page left open").isFalse();
        return source.summary();
    }

    static void edits(FakeMediaWiki wiki, String title, int n) {
        for (int i = 0; i < n; i++) {
            wiki.edit(title, "Editor" + (i % 7), "edit " + i, "* event " + i + " [http://example.org/" + i + " (X)]");
        }
    }

    static KnownRevisions knownFrom(RecordingSink sink) {
        Map<String, Long> newest = new HashMap<>();
        sink.pages.forEach((t, revs) -> newest.put(t, revs.get(revs.size() - 1).id()));
        return t -> newest.getOrDefault(t, 0L);
    }

    @Test
    void readsEveryRevisionOldestFirstFollowingContinue() throws Exception {
        edits(wiki, TITLE, 120);

        ReadSummary s = sync(DAY, DAY, KnownRevisions.NONE);

        List<Revision> got = sink.revisions(TITLE);
        assertThat(got).extracting(Revision::id).isEqualTo(ids(wiki.revisions(TITLE)));
        assertThat(got.get(0).text()).isEqualTo("* event 0 [http://example.org/0 (X)]");
        // one prop=info, then 50 + 50 + 20 revisions
        assertThat(wiki.requests())
                .extracting(r -> r.param("prop"))
                .containsExactly("info", "revisions", "revisions", "revisions");
        assertThat(wiki.requests().get(2).param("rvcontinue")).isNotNull();
        assertThat(s).isEqualTo(new ReadSummary(1, 0, 0, 1, 120, 4, s.bytesReceived()));
        assertThat(observer.events).containsExactly("fetched 2017-07-09 120 in 3");
    }

    @Test
    void asksForTheDocumentedRevisionProperties() throws Exception {
        edits(wiki, TITLE, 1);

        sync(DAY, DAY, KnownRevisions.NONE);

        FakeMediaWiki.Request r = wiki.requests().get(1);
        assertThat(r.params())
                .containsEntry("action", "query")
                .containsEntry("prop", "revisions")
                .containsEntry("titles", TITLE)
                .containsEntry("rvprop", "ids|timestamp|user|comment|sha1|content")
                .containsEntry("rvslots", "main")
                .containsEntry("rvdir", "newer")
                .containsEntry("rvlimit", "max")
                .doesNotContainKey("rvstartid");
    }

    @Test
    void readsTheSameRevisionsAsTheExportHolds() throws Exception {
        List<String> titles = Histories.loadExport(EXPORT, wiki);
        for (String title : titles) {
            LocalDate day = DayPageTitle.parse(title).orElseThrow();
            sync(day.minusDays(1), day, KnownRevisions.NONE);
        }

        assertThat(sink.pages.keySet()).containsExactlyElementsOf(titles);
        for (String title : titles) {
            List<Revision> got = sink.revisions(title);
            List<FakeMediaWiki.Rev> want = wiki.revisions(title);
            assertThat(got).hasSize(12);
            for (int i = 0; i < got.size(); i++) {
                Revision g = got.get(i);
                FakeMediaWiki.Rev w = want.get(i);
                assertThat(List.of(
                                g.id(), g.parentId(), g.timestamp(), g.contributor(), g.comment(), g.text(), g.sha1()))
                        .isEqualTo(List.of(
                                w.id(), w.parentId(), w.timestamp(), w.user(), w.comment(), w.text(), w.sha1()));
            }
        }
        assertThat(observer.events).filteredOn(e -> e.startsWith("missing")).hasSize(3);
        assertThat(sink.begun).extracting(p -> p.wikiPageId()).doesNotContain(0L);
    }

    /** Issue 12: a wiki's unusable sha1 must not leave a revision without one, or reverts go unseen. */
    @ParameterizedTest
    @EnumSource(FakeMediaWiki.Sha1Form.class)
    void givesEveryVisibleRevisionItsHexSha1WhateverFormTheWikiSends(FakeMediaWiki.Sha1Form form) throws Exception {
        wiki.sha1As(form);
        edits(wiki, TITLE, 3);
        wiki.edit(TITLE, "Vandal", "", "LOL");
        wiki.edit(TITLE, "Editor0", "revert", wiki.revisions(TITLE).get(2).text());

        sync(DAY, DAY, KnownRevisions.NONE);

        List<Revision> got = sink.revisions(TITLE);
        assertThat(got)
                .extracting(Revision::sha1)
                .containsExactlyElementsOf(wiki.revisions(TITLE).stream()
                        .map(FakeMediaWiki.Rev::sha1)
                        .toList());
        assertThat(got.get(4).sha1()).isEqualTo(got.get(2).sha1());
    }

    @Test
    void readsRealDayPagesOfEveryEra() throws Exception {
        List<LocalDate> days = Histories.loadCorpus(wiki);

        for (LocalDate day : days) {
            sync(day, day, KnownRevisions.NONE);
        }

        assertThat(sink.pages).hasSize(days.size());
        for (LocalDate day : days) {
            String title = DayPageTitle.of(day);
            assertThat(sink.revisions(title))
                    .extracting(Revision::text)
                    .containsExactlyElementsOf(wiki.revisions(title).stream()
                            .map(FakeMediaWiki.Rev::text)
                            .toList());
        }
        String july2017 =
                Files.readString(Histories.CORPUS.resolve("2018-02-06__current-events-context-rev1005415462.wiki"));
        assertThat(sink.revisions(DayPageTitle.of(LocalDate.of(2018, 2, 6)))
                        .get(0)
                        .text())
                .isEqualTo(july2017);
    }

    @Test
    void reportsMissingPagesToTheObserverNotTheSink() throws Exception {
        edits(wiki, TITLE, 2);

        ReadSummary s = sync(DAY.minusDays(1), DAY.plusDays(1), KnownRevisions.NONE);

        assertThat(observer.events)
                .containsExactly("missing 2017-07-08", "fetched 2017-07-09 2 in 1", "missing 2017-07-10");
        assertThat(sink.pages.keySet()).containsExactly(TITLE);
        assertThat(s.missing()).isEqualTo(2);
        // the info request told which pages exist: no revisions request for the missing ones
        assertThat(wiki.requestCount()).isEqualTo(2);
    }

    @Test
    void deliversHiddenRevisionsAsHidden() throws Exception {
        edits(wiki, TITLE, 4);
        List<FakeMediaWiki.Rev> revs = wiki.revisions(TITLE);
        wiki.hide(revs.get(1).id(), true, false, false);
        wiki.hide(revs.get(2).id(), false, true, true);

        sync(DAY, DAY, KnownRevisions.NONE);

        List<Revision> got = sink.revisions(TITLE);
        assertThat(got).hasSize(4);
        assertThat(got.get(1).textHidden()).isTrue();
        assertThat(got.get(1).text()).isEmpty();
        assertThat(got.get(1).sha1()).isEmpty();
        assertThat(got.get(1).contributor()).isEqualTo("Editor1");
        assertThat(got.get(2).textHidden()).isFalse();
        assertThat(got.get(2).contributor()).isEmpty();
        assertThat(got.get(2).comment()).isEmpty();
        assertThat(got.get(2).sha1()).isEqualTo(revs.get(2).sha1());
    }

    @Test
    void startsAfterTheNewestKnownRevision() throws Exception {
        edits(wiki, TITLE, 40);
        long known = wiki.revisions(TITLE).get(29).id();

        ReadSummary s = sync(DAY, DAY, t -> t.equals(TITLE) ? known : 0);

        assertThat(sink.revisions(TITLE))
                .extracting(Revision::id)
                .isEqualTo(ids(wiki.revisions(TITLE).subList(30, 40)));
        assertThat(wiki.requests().get(1).param("rvstartid")).isEqualTo(Long.toString(known));
        assertThat(s.requests()).isEqualTo(2);
    }

    @Test
    void fetchesOnlyTheThreeRevisionsTheWikiGained() throws Exception {
        edits(wiki, TITLE, 30);
        sync(DAY, DAY, KnownRevisions.NONE);
        KnownRevisions known = knownFrom(sink);
        edits(wiki, TITLE, 3);
        wiki.clearLog();
        sink = new RecordingSink();

        ReadSummary s = sync(DAY, DAY, known);

        assertThat(sink.revisions(TITLE))
                .extracting(Revision::id)
                .isEqualTo(ids(wiki.revisions(TITLE).subList(30, 33)));
        assertThat(s.requests()).isEqualTo(2);
        // rvstartid includes the start revision: the newest known one comes along once more
        assertThat(wiki.contentServed()).isEqualTo(4);
    }

    @Test
    void anIdleCycleOverFourteenDaysCostsOneRequestAndNoContent() throws Exception {
        LocalDate from = DAY.minusDays(13);
        for (LocalDate d = from; !d.isAfter(DAY); d = d.plusDays(1)) {
            if (!d.equals(DAY.minusDays(5))) {
                edits(wiki, DayPageTitle.of(d), 3);
            }
        }
        sync(from, DAY, KnownRevisions.NONE);
        KnownRevisions known = knownFrom(sink);
        wiki.clearLog();
        observer.events.clear();

        ReadSummary s = sync(from, DAY, known);

        assertThat(wiki.requests()).hasSize(1);
        assertThat(wiki.requests().get(0).param("prop")).isEqualTo("info");
        assertThat(wiki.requests().get(0).param("titles").split("\\|")).hasSize(14);
        assertThat(wiki.contentServed()).isZero();
        assertThat(s).isEqualTo(new ReadSummary(14, 1, 13, 0, 0, 1, s.bytesReceived()));
    }

    @Test
    void readsTheWholeHistoryWhenTheKnownRevisionIsGoneFromTheWiki() throws Exception {
        edits(wiki, TITLE, 5);

        sync(DAY, DAY, t -> 42);

        assertThat(sink.revisions(TITLE)).hasSize(5);
        assertThat(wiki.requests()).extracting(r -> r.param("rvstartid")).containsExactly(null, "42", null);
    }

    @Test
    void aFailureInTheMiddleOfAPageLeavesItOpenForTheSinkToDrop() throws Exception {
        edits(wiki, TITLE, 80);
        api = MediaWikiApi.open(
                ApiOptions.newBuilder()
                        .api(wiki.api())
                        .contact("tests@example.org")
                        .maxTries(2)
                        .build(),
                new RecordingSleeper(),
                new SplittableRandom(1));
        ApiRevisionSource source =
                ApiRevisionSource.newBuilder(api).days(DAY, DAY).build();
        // prop=info and the first 50 revisions pass; the continuation fails on both tries
        FakeMediaWiki.Misbehaviour ok = FakeMediaWiki.Misbehaviour.ANSWER;
        FakeMediaWiki.Misbehaviour down = FakeMediaWiki.Misbehaviour.UNAVAILABLE;
        wiki.misbehave(ok, ok, down, down);

        assertThatThrownBy(() -> source.readInto(sink))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("gave up after 2 tries (maxTries 2)");
        assertThat(sink.hasOpenPage()).isTrue();
        assertThat(sink.pages).isEmpty();
    }

    @Test
    void stopsBetweenPagesWhenAsked() throws Exception {
        for (int i = 0; i < 5; i++) {
            edits(wiki, DayPageTitle.of(DAY.plusDays(i)), 2);
        }
        ApiRevisionSource source = ApiRevisionSource.newBuilder(api)
                .days(DAY, DAY.plusDays(4))
                .stopRequested(() -> sink.pages.size() >= 2)
                .build();

        source.readInto(sink);

        assertThat(sink.pages).hasSize(2);
        assertThat(sink.hasOpenPage()).isFalse();
        assertThat(source.summary().days()).isEqualTo(2);
    }

    static List<Long> ids(List<FakeMediaWiki.Rev> revs) {
        return revs.stream().map(FakeMediaWiki.Rev::id).toList();
    }
}
