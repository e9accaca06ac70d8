package org.currents.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.currents.store.ArchiveStore;
import org.currents.testing.Archives;
import org.currents.testing.Generator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stopping the server lets the requests in flight finish. */
class ShutdownIT {
    @TempDir
    Path dir;

    private static String cursor(int k) {
        return java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(Integer.toString(k).getBytes());
    }

    @Test
    void finishesTheRequestsInFlightWhenStopped() throws Exception {
        // a hundred days: the first page plans the site, which holds the one reader a while
        Path export = Generator.generate(dir, "days", "--pages", "100", "--revisions", "4", "--seed", "5");
        try (ArchiveStore store = Archives.open(dir)) {
            Archives.importFile(store, export);
        }
        // one reader: requests queue inside the server, so some are in flight when it stops
        java.util.concurrent.atomic.AtomicInteger answered = new java.util.concurrent.atomic.AtomicInteger();
        WebServer server = WebServer.start(
                dir.resolve("archive.db").toString(),
                new WebServer.Options().port(0).readers(1).accessLog(line -> answered.incrementAndGet()),
                line -> {});
        Http http = new Http(server.port());
        int n = 40;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        long[] stopStarted = {Long.MAX_VALUE};
        List<Future<Object>> calls = new ArrayList<>();
        for (int k = 1; k <= n; k++) {
            String path = k % 2 == 0 ? "/search?q=the&limit=100&cursor=" + cursor(k) : "/api/search?q=a*&limit=100";
            calls.add(pool.submit(() -> {
                try {
                    HttpResponse<byte[]> r = http.get(path);
                    String body = Http.text(r);
                    boolean whole = body.endsWith("</html>\n") || body.endsWith("}") || body.endsWith("\n");
                    return new long[] {r.statusCode(), System.nanoTime(), whole ? 1 : 0};
                } catch (java.io.UncheckedIOException e) {
                    return e.getCause();
                }
            }));
        }
        // stop once the server answered the first: the others are queued for the one reader
        while (answered.get() == 0) {
            Thread.sleep(1);
        }
        CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> {
            stopStarted[0] = System.nanoTime();
            server.close();
        });
        int finishedAfterStop = 0;
        List<String> seen = new ArrayList<>();
        for (Future<Object> f : calls) {
            Object o = f.get(30, TimeUnit.SECONDS);
            if (o instanceof long[] r) {
                seen.add(r[0] + (r[1] > stopStarted[0] ? " after" : " before"));
                // 200 (or 404, a day the history lacks) with a whole body, or 503 for a request that
                // came after the stop began
                assertThat(r[0]).isIn(200L, 404L, 503L);
                assertThat(r[2]).isEqualTo(1L);
                if (r[0] != 503 && r[1] > stopStarted[0]) {
                    finishedAfterStop++;
                }
            } else {
                // only a connection the stopped server never accepted may fail
                assertThat(o).isInstanceOf(ConnectException.class);
            }
        }
        stopping.get(30, TimeUnit.SECONDS);
        pool.shutdown();
        assertThat(finishedAfterStop)
                .as("requests answered after the stop began: " + seen)
                .isPositive();
    }
}
