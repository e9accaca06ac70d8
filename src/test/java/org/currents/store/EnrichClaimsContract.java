package org.currents.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What {@link EnrichClaims} must do on every database: a subclass says how to open claims on a
 * fresh database and more claims (each its own connection) on the same one, as other workers
 * would. Times are given, not read from the clock, so that leases expire without waiting.
 */
abstract class EnrichClaimsContract {
    static final Instant T0 = Instant.parse("2026-12-02T06:00:00Z");
    static final Duration LEASE = Duration.ofSeconds(30);

    private final List<EnrichClaims> opened = new ArrayList<>();
    EnrichClaims claims;

    /** Claims on a new, empty database with the V6 tables. */
    protected abstract EnrichClaims openFresh() throws Exception;

    /** Claims on the database {@link #openFresh} made, on a connection of their own. */
    protected abstract EnrichClaims openAnother() throws Exception;

    EnrichClaims another() throws Exception {
        EnrichClaims c = openAnother();
        opened.add(c);
        return c;
    }

    @BeforeEach
    void open() throws Exception {
        claims = openFresh();
        opened.add(claims);
    }

    @AfterEach
    void close() {
        opened.forEach(EnrichClaims::close);
    }

    static List<CitedUrl> urls(int hosts, int perHost) {
        List<CitedUrl> urls = new ArrayList<>();
        for (int h = 0; h < hosts; h++) {
            for (int i = 0; i < perHost; i++) {
                urls.add(new CitedUrl("http://h" + h + ".test/" + i, LocalDate.of(2017, 7, 1 + i % 28)));
            }
        }
        return urls;
    }

    static Set<String> names(List<CitedUrl> urls) {
        Set<String> names = new HashSet<>();
        urls.forEach(u -> names.add(u.url()));
        return names;
    }

    @Test
    void twoWorkersNeverHoldTheSameUrl() throws Exception {
        assertThat(claims.offer("job", urls(5, 10), T0)).isEqualTo(50);
        List<CitedUrl> a = claims.claim("job", "a", 20, LEASE, T0);
        List<CitedUrl> b = another().claim("job", "b", 40, LEASE, T0);
        assertThat(a).hasSize(20);
        assertThat(b).hasSize(30);
        assertThat(names(a)).doesNotContainAnyElementsOf(names(b));
        Set<String> all = names(a);
        all.addAll(names(b));
        assertThat(all).isEqualTo(names(urls(5, 10)));
        assertThat(claims.claim("job", "c", 10, LEASE, T0)).isEmpty();
        assertThat(claims.open("job")).isEqualTo(50);
    }

    @Test
    void aJobsWorkersNeitherTakeNorWaitForAnotherJobsUrls() throws Exception {
        claims.offer("job", urls(1, 3), T0);
        assertThat(claims.claim("other", "b", 5, LEASE, T0)).isEmpty();
        assertThat(claims.open("other")).isZero();
        List<CitedUrl> held = claims.claim("job", "a", 1, LEASE, T0);
        // a later run with other flags takes over what no live lease holds
        assertThat(another().offer("other", urls(1, 3), T0)).isEqualTo(2);
        assertThat(claims.open("job")).isEqualTo(1);
        assertThat(names(claims.claim("other", "b", 5, LEASE, T0))).hasSize(2).doesNotContainAnyElementsOf(names(held));
    }

    @Test
    void keepsTheDayOfAClaimedUrl() {
        claims.offer("job", List.of(new CitedUrl("http://a.test/1", LocalDate.of(2017, 7, 9))), T0);
        assertThat(claims.claim("job", "a", 5, LEASE, T0))
                .containsExactly(new CitedUrl("http://a.test/1", LocalDate.of(2017, 7, 9)));
    }

    @Test
    void aBatchSpansHostsBeforeTakingASecondUrlOfOne() {
        claims.offer("job", urls(4, 5), T0);
        List<CitedUrl> batch = claims.claim("job", "a", 4, LEASE, T0);
        assertThat(batch)
                .extracting(u -> u.url().substring(0, u.url().indexOf(".test")))
                .containsExactlyInAnyOrder("http://h0", "http://h1", "http://h2", "http://h3");
    }

    @Test
    void concurrentClaimsShareEveryUrlExactlyOnce() throws Exception {
        claims.offer("job", urls(20, 25), T0);
        int workers = 6;
        List<EnrichClaims> mine = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            mine.add(another());
        }
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Future<List<String>>> got = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                EnrichClaims c = mine.get(w);
                String worker = "w" + w;
                got.add(pool.submit(() -> {
                    List<String> taken = new ArrayList<>();
                    for (List<CitedUrl> batch; !(batch = c.claim("job", worker, 7, LEASE, T0)).isEmpty(); ) {
                        batch.forEach(u -> taken.add(u.url()));
                    }
                    return taken;
                }));
            }
            List<String> all = new ArrayList<>();
            for (Future<List<String>> f : got) {
                all.addAll(f.get());
            }
            assertThat(all).hasSize(500).doesNotHaveDuplicates();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anExpiredLeaseIsClaimedAgain() throws Exception {
        claims.offer("job", urls(1, 3), T0);
        assertThat(claims.claim("job", "killed", 3, LEASE, T0)).hasSize(3);
        EnrichClaims other = another();
        assertThat(other.claim("job", "b", 3, LEASE, T0.plusSeconds(29))).isEmpty();
        assertThat(names(other.claim("job", "b", 3, LEASE, T0.plusSeconds(30)))).isEqualTo(names(urls(1, 3)));
    }

    @Test
    void aRenewedLeaseHoldsPastItsFirstExpiry() throws Exception {
        claims.offer("job", urls(1, 3), T0);
        claims.claim("job", "a", 3, LEASE, T0);
        assertThat(claims.renew("a", LEASE, T0.plusSeconds(20))).isEqualTo(3);
        EnrichClaims other = another();
        assertThat(other.claim("job", "b", 3, LEASE, T0.plusSeconds(40))).isEmpty();
        assertThat(other.claim("job", "b", 3, LEASE, T0.plusSeconds(50))).hasSize(3);
        assertThat(claims.renew("a", LEASE, T0.plusSeconds(51))).isZero();
    }

    @Test
    void releasedUrlsAreClaimedAtOnce() throws Exception {
        claims.offer("job", urls(1, 4), T0);
        List<CitedUrl> a = claims.claim("job", "a", 4, LEASE, T0);
        claims.release("a", List.of(a.get(0).url()));
        EnrichClaims other = another();
        assertThat(other.claim("job", "b", 4, LEASE, T0)).containsExactly(a.get(0));
        assertThat(claims.holders(T0)).containsExactly("a", "b");
        assertThat(claims.holders(T0.plus(LEASE))).isEmpty();
        assertThat(claims.releaseAll("a")).isEqualTo(3);
        assertThat(claims.holders(T0)).containsExactly("b");
        assertThat(other.claim("job", "b", 4, LEASE, T0)).hasSize(3);
        assertThat(claims.releaseAll("a")).isZero();
    }

    @Test
    void doneUrlsAreNeitherClaimedNorOpenedAgainByALaterSelection() throws Exception {
        claims.offer("job", urls(1, 4), T0);
        List<CitedUrl> a = claims.claim("job", "a", 4, LEASE, T0);
        claims.done(List.of(a.get(0).url(), a.get(1).url()), T0.plusSeconds(1));
        claims.releaseAll("a");
        assertThat(claims.open("job")).isEqualTo(2);
        assertThat(names(another().claim("job", "b", 4, LEASE, T0.plusSeconds(2))))
                .containsExactlyInAnyOrder(a.get(2).url(), a.get(3).url());
        // a selection begun before they were done found them lacking: another worker did them since
        assertThat(claims.offer("job", urls(1, 4), T0)).isZero();
        assertThat(claims.open("job")).isEqualTo(2);
    }

    @Test
    void aSelectionBegunAfterAUrlWasDoneOpensItAgain() {
        claims.offer("job", urls(1, 2), T0);
        List<CitedUrl> a = claims.claim("job", "a", 2, LEASE, T0);
        claims.done(List.of(a.get(0).url()), T0.plusSeconds(1));
        assertThat(claims.offer("job", urls(1, 2), T0.plusSeconds(2))).isEqualTo(1);
        // the other URL is still a's: only the one done is open again
        assertThat(claims.claim("job", "b", 5, LEASE, T0.plusSeconds(3))).containsExactly(a.get(0));
    }

    @Test
    void bookingsOfAHostAreTheDelayApart() throws Exception {
        Duration d = Duration.ofMillis(250);
        assertThat(claims.reserveHost("a.test:80", d, () -> T0)).isEqualTo(T0);
        assertThat(another().reserveHost("a.test:80", d, () -> T0)).isEqualTo(T0.plusMillis(250));
        assertThat(claims.reserveHost("a.test:80", d, () -> T0.plusMillis(100))).isEqualTo(T0.plusMillis(500));
        assertThat(claims.reserveHost("b.test:80", d, () -> T0.plusMillis(100))).isEqualTo(T0.plusMillis(100));
        // idle long enough: the next request may start at once
        assertThat(claims.reserveHost("a.test:80", d, () -> T0.plusSeconds(10))).isEqualTo(T0.plusSeconds(10));
    }

    @Test
    void aPushBackHoldsEveryWorkerOff() throws Exception {
        Duration d = Duration.ofMillis(100);
        claims.reserveHost("a.test:80", d, () -> T0);
        claims.pushBackHost("a.test:80", T0.plusSeconds(5));
        assertThat(another().reserveHost("a.test:80", d, () -> T0.plusSeconds(1)))
                .isEqualTo(T0.plusSeconds(5));
        // a push back to earlier than booked changes nothing
        claims.pushBackHost("a.test:80", T0);
        assertThat(claims.reserveHost("a.test:80", d, () -> T0.plusSeconds(1))).isEqualTo(T0.plusMillis(5100));
        claims.pushBackHost("new.test:80", T0.plusSeconds(3));
        assertThat(claims.reserveHost("new.test:80", d, () -> T0)).isEqualTo(T0.plusSeconds(3));
    }

    @Test
    void concurrentBookingsNeverShareASlot() throws Exception {
        int workers = 6;
        List<EnrichClaims> mine = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            mine.add(another());
        }
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Callable<List<Instant>>> tasks = new ArrayList<>();
            for (EnrichClaims c : mine) {
                tasks.add(() -> IntStream.range(0, 20)
                        .mapToObj(i -> c.reserveHost("a.test:80", Duration.ofMillis(10), () -> T0))
                        .toList());
            }
            List<Instant> slots = new ArrayList<>();
            for (Future<List<Instant>> f : pool.invokeAll(tasks)) {
                slots.addAll(f.get());
            }
            Collections.sort(slots);
            assertThat(slots).hasSize(120);
            for (int i = 0; i < slots.size(); i++) {
                assertThat(slots.get(i)).isEqualTo(T0.plusMillis(10L * i));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void robotsReadByOneWorkerAreKeptForAll() throws Exception {
        String origin = "http://a.test:80";
        assertThat(claims.robots(origin)).isEmpty();
        claims.saveRobots(
                origin, new EnrichClaims.Robots(EnrichClaims.Robots.RULES, "User-agent: *\nDisallow: /x\n", T0));
        assertThat(another().robots(origin))
                .isEqualTo(Optional.of(new EnrichClaims.Robots("rules", "User-agent: *\nDisallow: /x\n", T0)));
        claims.saveRobots(origin, new EnrichClaims.Robots(EnrichClaims.Robots.DISALLOW, null, T0.plusSeconds(1)));
        assertThat(another().robots(origin)).contains(new EnrichClaims.Robots("disallow", null, T0.plusSeconds(1)));
    }
}
