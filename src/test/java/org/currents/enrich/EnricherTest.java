package org.currents.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.currents.model.SourceMeta;
import org.currents.store.EnrichSelection;
import org.currents.store.sqlite.SqliteFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Enrichment runs against a real SQLite store and made-up hosts on a local proxy. */
class EnricherTest {
    static final LocalDate DAY = LocalDate.of(2017, 7, 9);

    @TempDir
    Path dir;

    LocalWeb web;
    SqliteFixture db;

    @BeforeEach
    void start() {
        web = LocalWeb.start();
        db = SqliteFixture.create(dir.resolve("archive.db"));
    }

    @AfterEach
    void stop() {
        db.close();
        web.close();
    }

    EnrichOptions.Builder options() {
        return EnrichOptions.newBuilder()
                .proxy(web.address())
                .delay(Duration.ZERO)
                .timeout(Duration.ofSeconds(2))
                .retryBackoff(Duration.ofMillis(50));
    }

    @Test
    void neverFetchesOneHostFasterThanTheDelayWhileOtherHostsProceed() throws Exception {
        int n = 5;
        for (int i = 0; i < n; i++) {
            web.page("http://one.test/" + i, LocalWeb.article("One " + i, "d", null));
            web.page("http://two.test/" + i, LocalWeb.article("Two " + i, "d", null));
            db.event("a" + i, DAY, "http://one.test/" + i);
            db.event("b" + i, DAY, "http://two.test/" + i);
        }
        Duration delay = Duration.ofMillis(200);
        Map<String, List<Long>> sent = new java.util.concurrent.ConcurrentHashMap<>();
        long start = System.nanoTime();
        EnrichSummary summary;
        try (Enricher enricher = Enricher.of(options().delay(delay).build())) {
            enricher.onSend(
                    s -> sent.computeIfAbsent(s.url().getHost(), h -> new java.util.concurrent.CopyOnWriteArrayList<>())
                            .add(s.startNanos()));
            summary = enricher.run(db.sources(), EnrichSelection.firstSourcesNotYetFetched(), s -> {});
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(summary.byOutcome()).isEqualTo(Map.of("ok", 10L));
        for (String host : List.of("one.test", "two.test")) {
            assertThat(web.hits(host)).hasSize(n + 1); // robots.txt, then the pages
            // Measured where politeness acts, each request's start as claimed just before it is
            // sent: arrival times at the server add the machine's scheduling jitter to each gap.
            List<Long> times = sent.get(host).stream().sorted().toList();
            assertThat(times).hasSize(n + 1);
            for (int i = 1; i < times.size(); i++) {
                assertThat(Duration.ofNanos(times.get(i) - times.get(i - 1)))
                        .as(host + " request " + i)
                        .isGreaterThanOrEqualTo(delay);
            }
        }
        // Each host needs n delays (robots.txt first); in sequence both would need twice that.
        assertThat(took).isLessThan(delay.multipliedBy(2L * n));
        assertThat(web.hits("two.test").get(1).nanos())
                .isLessThan(web.hits("one.test").get(n).nanos());
    }

    @Test
    void storesEachUrlWithItsOutcomeAndSkipsThemNextTime() throws Exception {
        web.page("http://news.test/a", LocalWeb.article("Title A", "About A", "/a.jpg"));
        db.event("e1", DAY, "http://news.test/a", "http://news.test/second-source")
                .event("e2", DAY, "http://news.test/missing")
                .event("e3", DAY, "not a url");
        List<EnrichSummary> progress = new ArrayList<>();
        try (Enricher enricher = Enricher.of(options().build())) {
            EnrichSummary summary =
                    enricher.run(db.sources(), EnrichSelection.firstSourcesNotYetFetched(), progress::add);
            assertThat(summary.total()).isEqualTo(3);
            assertThat(summary.byOutcome()).isEqualTo(Map.of("ok", 1L, "http-404", 1L, "bad-url", 1L));
            assertThat(summary.line()).isEqualTo("3/3 done: bad-url 1, http-404 1, ok 1");
            assertThat(progress).isNotEmpty();

            SourceMeta a =
                    db.sources().sourceMeta(List.of("http://news.test/a")).get("http://news.test/a");
            assertThat(a.outcome()).isEqualTo("ok");
            assertThat(a.httpStatus()).isEqualTo(200);
            assertThat(a.finalUrl()).isEqualTo("http://news.test/a");
            assertThat(a.title()).isEqualTo("Title A");
            assertThat(a.description()).isEqualTo("About A");
            assertThat(a.image()).isEqualTo("http://news.test/a.jpg");
            assertThat(a.language()).isEqualTo("en");

            EnrichSummary again = enricher.run(db.sources(), EnrichSelection.firstSourcesNotYetFetched(), s -> {});
            assertThat(again.total()).isZero();
        }
        assertThat(web.hits("news.test").stream().map(LocalWeb.Hit::pathAndQuery))
                .doesNotContain("/second-source");
    }

    @Test
    void keepsWhatWasFetchedWhenCancelled() throws Exception {
        for (int i = 0; i < 20; i++) {
            web.page("http://slow.test/" + i, LocalWeb.article("T" + i, "d", null));
            db.event("e" + i, DAY, "http://slow.test/" + i);
        }
        try (Enricher enricher =
                Enricher.of(options().delay(Duration.ofMillis(100)).build())) {
            EnrichSummary summary = enricher.run(db.sources(), EnrichSelection.firstSourcesNotYetFetched(), s -> {
                if (s.done() == 3) {
                    enricher.cancel();
                }
            });
            assertThat(summary.cancelled()).isTrue();
            assertThat(summary.done()).isEqualTo(3);
        }
        assertThat(db.sources().sourceOutcomeCounts()).isEqualTo(Map.of("ok", 3L));
        assertThat(db.sources().urlsToEnrich(EnrichSelection.firstSourcesNotYetFetched()))
                .hasSize(17);
    }

    @Test
    void takesDeadLinksFromTheClosestWaybackSnapshot() throws Exception {
        String snapshot = "http://web.archive.test/web/20170709120000/http://dead.test/story";
        web.route(
                        "http://archive.test/wayback/available?url=http%3A%2F%2Fdead.test%2Fstory&timestamp=20170709",
                        (ex, n) -> LocalWeb.send(
                                ex,
                                200,
                                "application/json",
                                ("{\"url\":\"http://dead.test/story\","
                                                + "\"archived_snapshots\":{\"closest\":{\"status\":\"200\",\"available\":true,"
                                                + "\"url\":\"" + snapshot + "\",\"timestamp\":\"20170709120000\"}}}")
                                        .getBytes(StandardCharsets.UTF_8)))
                .page(
                        "http://web.archive.test/web/20170709120000id_/http://dead.test/story",
                        LocalWeb.article("Archived title", "Archived description", "/pictures/p.jpg"));
        db.event("e1", DAY, "http://dead.test/story");
        try (Enricher enricher = Enricher.of(options()
                .wayback(true)
                .waybackApi(java.net.URI.create("http://archive.test/wayback/available"))
                .build())) {
            EnrichSummary summary = enricher.run(db.sources(), EnrichSelection.firstSourcesNotYetFetched(), s -> {});
            assertThat(summary.fromWayback()).isEqualTo(1);
        }
        SourceMeta m =
                db.sources().sourceMeta(List.of("http://dead.test/story")).get("http://dead.test/story");
        assertThat(m.outcome()).isEqualTo("ok");
        assertThat(m.httpStatus()).isEqualTo(404);
        assertThat(m.archiveUrl()).isEqualTo(snapshot);
        assertThat(m.title()).isEqualTo("Archived title");
        assertThat(m.image()).isEqualTo("http://dead.test/pictures/p.jpg");
    }

    @Test
    void keepsTheDeadLinksOutcomeWhenNoSnapshotExists() throws Exception {
        web.route(
                "http://archive.test/wayback/available?url=http%3A%2F%2Fdead.test%2Fnever&timestamp=20170709",
                (ex, n) -> LocalWeb.send(
                        ex, 200, "application/json", "{\"archived_snapshots\":{}}".getBytes(StandardCharsets.UTF_8)));
        db.event("e1", DAY, "http://dead.test/never");
        try (Enricher enricher = Enricher.of(options()
                .wayback(true)
                .waybackApi(java.net.URI.create("http://archive.test/wayback/available"))
                .build())) {
            enricher.run(db.sources(), EnrichSelection.firstSourcesNotYetFetched(), s -> {});
        }
        assertThat(db.sources().sourceOutcomeCounts()).isEqualTo(Map.of("http-404", 1L));
    }
}
