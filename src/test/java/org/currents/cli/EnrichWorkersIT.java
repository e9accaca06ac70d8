package org.currents.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.currents.testing.Postgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Four {@code enrich} processes (child JVMs) share one archive (a SQLite file, and a PostgreSQL
 * database) of 1,000 cited URLs on 20 hosts, served by one local server; one of them is killed with {@code kill -9} midway. Every URL
 * ends stored once; no URL is fetched twice except those the killed worker had in flight; and the
 * requests to one host, as the server saw them arrive from all workers, keep to the delay: no
 * more in any second (or five) than it allows plus two, the median gap the delay itself.
 */
class EnrichWorkersIT {
    static final int URLS = 1000;
    static final int HOSTS = 20;
    static final int WORKERS = 4;
    static final long DELAY_MS = 200;

    @TempDir
    Path dir;

    @Test
    void fourWorkersShareTheWorkAndTheHostsPolitenessOneKilledMidway() throws Exception {
        String db = dir.resolve("archive.db").toString();
        fourWorkersOneKilled(db, "jdbc:sqlite:" + db);
    }

    /** The same four workers on one PostgreSQL archive, a database of this test's own. */
    @Test
    void fourWorkersOnPostgresqlShareTheWorkAndTheHostsPolitenessOneKilledMidway() throws Exception {
        try (Postgres server = Postgres.create(EnrichWorkersIT.class)) {
            fourWorkersOneKilled(
                    server.url(), "jdbc:postgresql://" + Postgres.SERVER + "/" + server.database() + "?user=postgres");
        }
    }

    /**
     * @param db the archive as the workers' {@code --db} names it
     * @param jdbc the same archive as a JDBC URL, for the test's own queries
     */
    private void fourWorkersOneKilled(String db, String jdbc) throws Exception {
        WorkerFleet.archive(dir, db, URLS, HOSTS);
        try (WorkerFleet web = new WorkerFleet(20)) {
            List<Process> workers = new ArrayList<>();
            for (int n = 0; n < WORKERS; n++) {
                workers.add(ChildCurrents.start(
                        dir.resolve("worker-" + n + ".log"), web.enrich(db, n, DELAY_MS + "ms", "5s")));
            }
            // kill worker 0 once a quarter of the pages were asked for (by anyone)
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (web.pagesByUrl().size() < URLS / 4 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(web.pagesByUrl().size())
                    .as("pages asked for before the kill")
                    .isGreaterThanOrEqualTo(URLS / 4);
            long before = web.hits().stream()
                    .filter(h -> h.worker().equals("worker-0"))
                    .count();
            assertThat(before).as("requests of worker 0 before it is killed").isPositive();
            ChildCurrents.kill("9", workers.get(0));
            assertThat(workers.get(0).waitFor(10, TimeUnit.SECONDS)).isTrue();
            long killedAt = System.nanoTime();
            // read at once: its lease (5 s) keeps them its own for seconds after its last heartbeat
            Set<String> heldAtKill =
                    strings(jdbc, "SELECT url FROM enrich_claims WHERE worker = 'worker-0'" + " AND done_at IS NULL");
            for (int n = 1; n < WORKERS; n++) {
                assertThat(workers.get(n).waitFor(180, TimeUnit.SECONDS))
                        .as("worker " + n + " ends")
                        .isTrue();
                assertThat(workers.get(n).exitValue())
                        .as("worker %d: %s", n, Files.readString(dir.resolve("worker-" + n + ".log")))
                        .isZero();
            }

            assertEveryUrlStoredOnce(jdbc);
            assertOnlyTheKilledWorkersInFlightFetchedTwice(web, killedAt, heldAtKill);
            assertHostSpacing(web, jdbc.substring("jdbc:".length(), jdbc.indexOf(':', "jdbc:".length())));
            // the survivors shared the rest: each fetched some, none all
            Map<String, Long> byWorker = web.hits().stream()
                    .filter(h -> !h.robots())
                    .collect(Collectors.groupingBy(WorkerFleet.Hit::worker, TreeMap::new, Collectors.counting()));
            assertThat(byWorker).containsOnlyKeys("worker-0", "worker-1", "worker-2", "worker-3");
            assertThat(byWorker.values()).allSatisfy(n -> assertThat(n).isLessThan(URLS));
        }
    }

    @Test
    void ctrlCGivesTheClaimsBackAndARunAfterAKillNineTakesTheDeadWorkersAtOnce() throws Exception {
        String db = dir.resolve("small.db").toString();
        int urls = 200;
        WorkerFleet.archive(dir, db, urls, 4);
        try (WorkerFleet web = new WorkerFleet(20)) {
            String[] args = {"enrich", "--db=" + db, "--proxy=" + web.proxy(), "--delay=100ms"};
            Process interrupted = ChildCurrents.start(dir.resolve("interrupted.log"), args);
            awaitPages(web, 30);
            ChildCurrents.kill("INT", interrupted);
            assertThat(interrupted.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(Files.readString(dir.resolve("interrupted.log"))).contains("Interrupted after");
            assertThat(sql(db, "SELECT count(*) FROM enrich_claims WHERE done_at IS NULL AND worker IS NOT NULL"))
                    .as("claims left held after Ctrl-C")
                    .isZero();

            Process killed = ChildCurrents.start(dir.resolve("killed.log"), args);
            awaitPages(web, 80);
            ChildCurrents.kill("9", killed);
            assertThat(killed.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(sql(
                            db,
                            "SELECT count(*) FROM enrich_claims WHERE done_at IS NULL AND worker LIKE '%:"
                                    + killed.pid() + "'"))
                    .as("claims the killed worker held (its lease is the default 30 s)")
                    .isPositive();

            long start = System.nanoTime();
            ChildCurrents.Ended rerun = ChildCurrents.run(dir.resolve("rerun.log"), args);
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
            assertThat(rerun.code()).as(rerun.output()).isZero();
            assertThat(rerun.output())
                    .containsPattern(":" + killed.pid() + " has ended without giving back its \\d+ URLs");
            assertThat(seconds)
                    .as("rerun took less than the dead worker's lease")
                    .isLessThan(30);
            assertThat(sql(db, "SELECT count(*) FROM source_meta")).isEqualTo(urls);
            assertThat(sql(db, "SELECT count(*) FROM enrich_claims WHERE done_at IS NULL"))
                    .isZero();
        }
    }

    private static void awaitPages(WorkerFleet web, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (web.pagesByUrl().size() < n && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(web.pagesByUrl().size()).isGreaterThanOrEqualTo(n);
    }

    private static Set<String> strings(String jdbc, String query) throws Exception {
        Set<String> out = new HashSet<>();
        try (Connection c = DriverManager.getConnection(jdbc);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(query)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static int sql(String db, String query) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(query)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void assertEveryUrlStoredOnce(String jdbc) throws Exception {
        Set<String> expected = IntStream.range(0, URLS)
                .mapToObj(i -> WorkerFleet.url(i, HOSTS))
                .collect(Collectors.toSet());
        List<String> stored = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(jdbc);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT url, outcome FROM source_meta")) {
            while (rs.next()) {
                stored.add(rs.getString(1));
                assertThat(rs.getString(2)).as(rs.getString(1)).isEqualTo("ok");
            }
        }
        assertThat(stored).doesNotHaveDuplicates();
        assertThat(new HashSet<>(stored)).isEqualTo(expected);
        try (Connection c = DriverManager.getConnection(jdbc);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM enrich_claims WHERE done_at IS NULL")) {
            rs.next();
            assertThat(rs.getInt(1)).as("URLs left open").isZero();
        }
    }

    /**
     * A URL asked for twice was asked first by the killed worker, before it died, and again by a
     * survivor after its lease expired: one of the URLs the killed worker held, not done, when it
     * died: at most the 64 tasks it runs (four per request in flight, 16 by default) and the 64
     * it claims ahead of them.
     */
    private static void assertOnlyTheKilledWorkersInFlightFetchedTwice(
            WorkerFleet web, long killedAt, Set<String> heldAtKill) {
        Map<String, List<WorkerFleet.Hit>> twice = new TreeMap<>();
        web.pagesByUrl().forEach((url, hits) -> {
            if (hits.size() > 1) {
                twice.put(url, hits);
            }
        });
        for (Map.Entry<String, List<WorkerFleet.Hit>> e : twice.entrySet()) {
            List<WorkerFleet.Hit> hits = new ArrayList<>(e.getValue());
            hits.sort(Comparator.comparingLong(WorkerFleet.Hit::nanos));
            assertThat(hits).as(e.getKey()).hasSize(2);
            assertThat(hits.get(0).worker()).as(e.getKey()).isEqualTo("worker-0");
            assertThat(hits.get(0).nanos()).as(e.getKey()).isLessThan(killedAt);
            assertThat(hits.get(1).worker()).as(e.getKey()).isNotEqualTo("worker-0");
        }
        // held: claimed and not yet stored, whether its request was in flight, answered and
        // waiting to be stored, or not sent yet
        assertThat(heldAtKill).as("URLs the killed worker held").hasSizeLessThanOrEqualTo(2 * 4 * 16);
        assertThat(heldAtKill).as("URLs the killed worker held").containsAll(twice.keySet());
        assertThat(web.pagesByUrl()).hasSize(URLS);
    }

    /**
     * Every start is booked a delay after the one before it, whichever worker booked it; a
     * request arrives at the server a little after its booked start (the sender's wake-up, the
     * client's threads, on a machine shared by many processes), so the gap between two arrivals
     * can be shorter than the delay by how late the first one was. What the server must see:
     * in any window of one (or five) seconds no host gets more requests than the delay allows
     * plus two, one for the window's edges and one for an arrival late by up to a delay (four
     * workers pacing themselves alone would send about four times as many), and the typical gap
     * is the delay.
     */
    private static void assertHostSpacing(WorkerFleet web, String store) {
        Map<String, List<WorkerFleet.Hit>> byHost =
                web.hits().stream().collect(Collectors.groupingBy(WorkerFleet.Hit::host));
        assertThat(byHost).hasSize(HOSTS);
        List<Long> gaps = new ArrayList<>();
        for (Map.Entry<String, List<WorkerFleet.Hit>> e : byHost.entrySet()) {
            List<WorkerFleet.Hit> hits = new ArrayList<>(e.getValue());
            hits.sort(Comparator.comparingLong(WorkerFleet.Hit::nanos));
            Set<String> senders = new HashSet<>();
            for (int i = 0; i < hits.size(); i++) {
                senders.add(hits.get(i).worker());
                if (i > 0) {
                    gaps.add((hits.get(i).nanos() - hits.get(i - 1).nanos()) / 1_000_000);
                }
                for (long window : new long[] {1000, 5000}) {
                    int inWindow = 0;
                    for (int j = i;
                            j < hits.size() && hits.get(j).nanos() - hits.get(i).nanos() < window * 1_000_000;
                            j++) {
                        inWindow++;
                    }
                    // the slots are booked DELAY_MS apart, but the requests arrive late by up
                    // to a few hundred ms on a loaded machine (gaps of 0-2 ms were seen on main
                    // as on later builds): over 1 s one more late arrival is slack, not a breach;
                    // over 5 s the rate is held to the bookings' +2
                    int slack = window == 1000 ? 3 : 2;
                    assertThat(inWindow)
                            .as("requests to %s in the %d ms from %s", e.getKey(), window, hits.get(i))
                            .isLessThanOrEqualTo((int) (window / DELAY_MS) + slack);
                }
            }
            // the host's requests came from several workers: the spacing is across them
            assertThat(senders).as(e.getKey()).hasSizeGreaterThan(1);
        }
        java.util.Collections.sort(gaps);
        long min = gaps.get(0);
        long p5 = gaps.get(gaps.size() / 20);
        long median = gaps.get(gaps.size() / 2);
        System.out.printf(
                "EnrichWorkersIT (%s): %d gaps between requests to one host: min %d ms, 5th percentile %d ms,"
                        + " median %d ms (delay %d ms)%n",
                store, gaps.size(), min, p5, median, DELAY_MS);
        // the shortest gaps are printed, not asserted: they measure how late a request arrives
        // after its booked start, which on two cores shared by a dozen busy processes reached a
        // whole delay (min 0 ms at load 18, 62 ms at load 13); the windows above bound what that
        // costs a host
        assertThat(median).as("median gap").isBetween(DELAY_MS - 5, DELAY_MS + 60);
    }
}
