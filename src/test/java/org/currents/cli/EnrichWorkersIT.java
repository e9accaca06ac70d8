package org.currents.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
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
 * starts booked for one host by all workers together keep to the delay, every request the server
 * saw was booked by its sender before it arrived, and the median gap between arrivals at a host
 * is the delay itself.
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
            // one request log that all four append to, as an operator might share it
            Path requests = dir.resolve("requests.tsv");
            for (int n = 0; n < WORKERS; n++) {
                List<String> args = new ArrayList<>(List.of(web.enrich(db, n, DELAY_MS + "ms", "5s")));
                args.add("--request-log=" + requests);
                workers.add(ChildCurrents.start(dir.resolve("worker-" + n + ".log"), args.toArray(String[]::new)));
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
            assertHostSpacing(
                    web, jdbc.substring("jdbc:".length(), jdbc.indexOf(':', "jdbc:".length())), requestLog(requests));
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

    /** One line of a worker's request log: the start booked for the request, when it was sent, by whom. */
    record Logged(Instant booked, Instant sent, String worker, String url) {
        String host() {
            return URI.create(url).getHost();
        }

        /** The URL as the server keys it: host and path (robots.txt is logged with its port, :80). */
        String hostAndPath() {
            URI u = URI.create(url);
            return u.getHost() + u.getRawPath();
        }
    }

    /** The lines the workers appended to their shared request log; each line whole, with its four fields. */
    private static List<Logged> requestLog(Path file) throws IOException {
        List<Logged> lines = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            String[] f = line.split("\t", -1);
            assertThat(f).as("a request log line: %s", line).hasSize(4);
            lines.add(new Logged(Instant.parse(f[0]), Instant.parse(f[1]), f[2], f[3]));
        }
        return lines;
    }

    /**
     * What politeness across workers means, checked exactly rather than through the server's
     * arrival times (which add the machine's scheduling delays, a whole delay and more on two
     * loaded cores): every start booked for one host, by any worker, is at least the delay after
     * the one before it; every request the server saw was booked (logged, by the worker that
     * sent it) no later than it arrived, so no request went out unbooked or ahead of its slot;
     * and, as the server saw them, the typical gap between two requests to a host is the delay.
     */
    private static void assertHostSpacing(WorkerFleet web, String store, List<Logged> logged) {
        Map<String, List<WorkerFleet.Hit>> byHost =
                web.hits().stream().collect(Collectors.groupingBy(WorkerFleet.Hit::host));
        assertThat(byHost).hasSize(HOSTS);
        Map<String, List<Instant>> bookedByHost = logged.stream()
                .collect(Collectors.groupingBy(Logged::host, Collectors.mapping(Logged::booked, Collectors.toList())));
        assertThat(bookedByHost.keySet()).isEqualTo(byHost.keySet());
        for (Map.Entry<String, List<Instant>> e : bookedByHost.entrySet()) {
            List<Instant> booked = e.getValue().stream().sorted().toList();
            for (int i = 1; i < booked.size(); i++) {
                assertThat(Duration.between(booked.get(i - 1), booked.get(i)).toMillis())
                        .as("bookings for %s: %s then %s", e.getKey(), booked.get(i - 1), booked.get(i))
                        .isGreaterThanOrEqualTo(DELAY_MS);
            }
        }
        // each request the server saw matched with a booking of its sender for its URL, in order
        Map<String, List<Instant>> bookedBySend = logged.stream()
                .collect(Collectors.groupingBy(
                        l -> l.worker() + " " + l.hostAndPath(),
                        Collectors.mapping(Logged::booked, Collectors.toList())));
        Map<String, List<WorkerFleet.Hit>> hitsBySend =
                web.hits().stream().collect(Collectors.groupingBy(h -> h.worker() + " " + h.host() + h.path()));
        long latest = 0;
        for (Map.Entry<String, List<WorkerFleet.Hit>> e : hitsBySend.entrySet()) {
            List<WorkerFleet.Hit> hits = e.getValue().stream()
                    .sorted(Comparator.comparing(WorkerFleet.Hit::at))
                    .toList();
            List<Instant> booked = bookedBySend.getOrDefault(e.getKey(), List.of()).stream()
                    .sorted()
                    .toList();
            assertThat(booked).as("bookings logged for %s", e.getKey()).hasSizeGreaterThanOrEqualTo(hits.size());
            for (int k = 0; k < hits.size(); k++) {
                assertThat(booked.get(k))
                        .as("request %d of %s: booked, then arrived", k, e.getKey())
                        .isBeforeOrEqualTo(hits.get(k).at());
                latest = Math.max(
                        latest,
                        Duration.between(booked.get(k), hits.get(k).at()).toMillis());
            }
        }
        List<Long> gaps = new ArrayList<>();
        for (Map.Entry<String, List<WorkerFleet.Hit>> e : byHost.entrySet()) {
            List<WorkerFleet.Hit> hits = new ArrayList<>(e.getValue());
            hits.sort(Comparator.comparingLong(WorkerFleet.Hit::nanos));
            for (int i = 1; i < hits.size(); i++) {
                gaps.add((hits.get(i).nanos() - hits.get(i - 1).nanos()) / 1_000_000);
            }
            // the host's requests came from several workers: the spacing is across them
            assertThat(hits.stream().map(WorkerFleet.Hit::worker).distinct())
                    .as(e.getKey())
                    .hasSizeGreaterThan(1);
        }
        java.util.Collections.sort(gaps);
        long min = gaps.get(0);
        long p5 = gaps.get(gaps.size() / 20);
        long median = gaps.get(gaps.size() / 2);
        System.out.printf(
                "EnrichWorkersIT (%s): %d gaps between arrivals at one host: min %d ms, 5th percentile %d ms,"
                        + " median %d ms (delay %d ms); an arrival at most %d ms after its booked start%n",
                store, gaps.size(), min, p5, median, DELAY_MS, latest);
        // the shortest arrival gaps are printed, not asserted: they measure how late a request
        // arrives after its booked start, which on two cores shared by a dozen busy processes
        // reached a whole delay and more; the bookings above are what the workers control
        assertThat(median).as("median gap").isBetween(DELAY_MS - 5, DELAY_MS + 60);
    }
}
