package org.currents.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.currents.store.ArchiveStore;
import org.currents.testing.Archives;
import org.currents.testing.Generator;
import org.currents.testing.HostileHistory;
import org.currents.testing.Postgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 50 clients read the archive over HTTP while {@code currents import} commits a generated
 * history into the same archive (a SQLite file; a PostgreSQL schema that two servers share): no request fails, and every response is one state of the archive
 * (an event with all its versions, numbered from 1, its text its last version's).
 */
class LiveImportIT {
    static final int CLIENTS = 50;

    @TempDir
    Path dir;

    @Test
    void servesConsistentSnapshotsWhileAnImportCommits() throws Exception {
        String db = dir.resolve("archive.db").toString();
        try (ArchiveStore store = Archives.open(dir)) {
            Archives.importFile(store, Archives.sample(dir));
        }
        serveWhileImporting(db, 1);
    }

    /**
     * The deployment of docs/deploy.md on one machine: two servers share one PostgreSQL archive
     * while one writer commits into it; clients alternate between the servers, and each server
     * sees the writer's commits (its change sequence moves on) without a single failed or
     * half-committed answer.
     */
    @Test
    void twoServersShareAPostgresArchiveWhileAnImportCommits() throws Exception {
        try (Postgres server = Postgres.create(LiveImportIT.class)) {
            String db = server.freshSchema();
            HostileHistory.run("import", "--db", db, Archives.sample(dir).toString());
            serveWhileImporting(db, 2);
        }
    }

    private void serveWhileImporting(String db, int servers) throws Exception {
        Path export = Generator.generate(dir, "live", "--pages", "60", "--revisions", "12", "--seed", "11");
        List<String> problems = Collections.synchronizedList(new ArrayList<>());
        AtomicLong requests = new AtomicLong();
        AtomicBoolean importing = new AtomicBoolean(true);
        List<WebServer> started = new ArrayList<>();
        try {
            List<Http> https = new ArrayList<>();
            List<Long> seqBefore = new ArrayList<>();
            for (int s = 0; s < servers; s++) {
                WebServer server = WebServer.start(
                        db, new WebServer.Options().port(0).checkEvery(Duration.ofMillis(50)), line -> {});
                started.add(server);
                Http http = new Http(server.port());
                https.add(http);
                seqBefore.add(http.json("/healthz").path("sequence").asLong());
            }
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS + 1);
            Future<?> importer = pool.submit(() -> {
                try {
                    HostileHistory.run("import", "--db", db, export.toString());
                } finally {
                    importing.set(false);
                }
            });
            long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            List<Future<?>> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                Http http = https.get(c % servers);
                clients.add(pool.submit(() -> {
                    while (importing.get() || System.nanoTime() < until) {
                        try {
                            round(http, client, requests);
                        } catch (AssertionError | RuntimeException e) {
                            problems.add(e.toString());
                        }
                    }
                }));
            }
            importer.get();
            for (Future<?> f : clients) {
                f.get();
            }
            pool.shutdown();
            Thread.sleep(200); // two change checks of 50 ms, and then some
            for (int s = 0; s < servers; s++) {
                assertThat(https.get(s).json("/healthz").path("sequence").asLong())
                        .as("server " + s + "'s change sequence after the import")
                        .isGreaterThan(seqBefore.get(s));
            }
        } finally {
            for (WebServer server : started) {
                server.close();
            }
        }
        assertThat(problems).as("of " + requests.get() + " requests").isEmpty();
        assertThat(requests.get()).isGreaterThan(500);
    }

    private static void round(Http http, int client, AtomicLong requests) {
        String[] words = {"the", "of", "in", "Trump", "a*", "said"};
        JsonNode search = ok(http, "/api/search?q=" + words[client % words.length] + "&limit=5", requests);
        for (JsonNode hit : search.path("results")) {
            JsonNode e = ok(http, "/api/events/" + hit.path("id").asText(), requests);
            JsonNode versions = e.path("versions");
            if (versions.isEmpty()) {
                throw new AssertionError("event without versions: " + e);
            }
            for (int k = 0; k < versions.size(); k++) {
                if (versions.get(k).path("number").asInt() != k + 1) {
                    throw new AssertionError("versions not numbered 1..n: " + e);
                }
            }
            if (!e.path("text")
                    .asText()
                    .equals(versions.get(versions.size() - 1).path("text").asText())) {
                throw new AssertionError("text is not its last version's: " + e);
            }
            JsonNode day = ok(http, "/api/days/" + e.path("day").asText(), requests);
            for (JsonNode d : day.path("events")) {
                if (d.path("versions").asInt() < 1) {
                    throw new AssertionError("day lists an event without versions: " + d);
                }
            }
        }
        if (client % 5 == 0) {
            HttpResponse<byte[]> page = http.get("/index.html");
            requests.incrementAndGet();
            if (page.statusCode() != 200 || !Http.text(page).contains("</html>")) {
                throw new AssertionError("/index.html: " + page.statusCode());
            }
        }
        ok(http, "/healthz", requests);
    }

    private static JsonNode ok(Http http, String path, AtomicLong requests) {
        HttpResponse<byte[]> r = http.get(path);
        requests.incrementAndGet();
        if (r.statusCode() != 200) {
            throw new AssertionError(path + ": " + r.statusCode() + " " + Http.text(r));
        }
        return Http.json(r);
    }
}
