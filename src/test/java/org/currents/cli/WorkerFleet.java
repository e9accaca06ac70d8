package org.currents.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.currents.store.ArchiveStore;
import org.currents.store.Stores;
import org.currents.testing.Archives;
import org.currents.testing.ExportBuilder;

/**
 * What tests and benchmarks of several {@code enrich} processes share: an archive whose events
 * cite {@code urls} URLs spread over {@code hosts} made-up host names ({@code h00.test} ...), and
 * the web they live on, one JDK HttpServer on 127.0.0.1 that the workers use as their proxy (the
 * fetcher's trusted-proxy mode: the names are never resolved, the SSRF guard stays on). The
 * server answers each page after {@code latencyMillis}, robots.txt with 404, and records every
 * request: when it arrived, for which host and path, and which worker sent it (the User-Agent).
 */
final class WorkerFleet implements AutoCloseable {
    /**
     * One request as the server received it; {@code nanos} is {@link System#nanoTime()} on
     * arrival, {@code at} the same moment by the wall clock (which the workers' request logs use).
     */
    record Hit(long nanos, java.time.Instant at, String host, String path, String worker) {
        boolean robots() {
            return path.equals("/robots.txt");
        }

        String url() {
            return "http://" + host + path;
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fleet-web");
        t.setDaemon(true);
        return t;
    });
    private final ConcurrentLinkedQueue<Hit> hits = new ConcurrentLinkedQueue<>();
    private final long latencyMillis;

    WorkerFleet(long latencyMillis) throws IOException {
        this.latencyMillis = latencyMillis;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        server.createContext("/", this::answer);
        server.setExecutor(executor);
        server.start();
    }

    private void answer(HttpExchange ex) throws IOException {
        long arrived = System.nanoTime();
        java.time.Instant at = java.time.Instant.now();
        URI uri = ex.getRequestURI();
        String host = uri.getHost() == null ? "127.0.0.1" : uri.getHost();
        String path = uri.getRawPath();
        hits.add(new Hit(arrived, at, host, path, ex.getRequestHeaders().getFirst("User-Agent")));
        boolean robots = path.equals("/robots.txt");
        byte[] body =
                ("<html><head><title>Page " + host + path + "</title></head></html>").getBytes(StandardCharsets.UTF_8);
        try {
            if (!robots) {
                Thread.sleep(latencyMillis);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ex.getResponseHeaders().set("Content-Type", "text/html");
        ex.sendResponseHeaders(robots ? 404 : 200, robots ? -1 : body.length);
        try (OutputStream o = ex.getResponseBody()) {
            if (!robots) {
                o.write(body);
            }
        }
    }

    String proxy() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Hit> hits() {
        return new ArrayList<>(hits);
    }

    /** The pages requested (robots.txt left out), by URL. */
    Map<String, List<Hit>> pagesByUrl() {
        return hits.stream()
                .filter(h -> !h.robots())
                .collect(Collectors.groupingBy(Hit::url, TreeMap::new, Collectors.toList()));
    }

    /** The URL {@code i} of {@code hosts} hosts: host {@code i % hosts}. */
    static String url(int i, int hosts) {
        return String.format("http://h%02d.test/p/%04d", i % hosts, i);
    }

    /**
     * Writes the archive {@code db}: {@code urls} events, 20 a day, event {@code i} citing {@link
     * #url(int, int) url i} as its first source. Imported as a user would.
     */
    static void archive(Path dir, String db, int urls, int hosts) {
        ExportBuilder export = new ExportBuilder();
        int perDay = 20;
        for (int day = 0; day * perDay < urls; day++) {
            java.time.LocalDate d = java.time.LocalDate.of(2017, 1, 1).plusDays(day);
            List<String> lines = new ArrayList<>();
            for (int i = day * perDay; i < Math.min(urls, (day + 1) * perDay); i++) {
                lines.add("*Event number " + i + " happens in town " + i + " and nowhere else. [" + url(i, hosts)
                        + " (Source " + i + ")]");
            }
            export.page("Portal:Current events/" + d.getYear() + " "
                            + d.getMonth().getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.ENGLISH)
                            + " " + d.getDayOfMonth())
                    .revision(day + 1, d + "T10:00:00Z", "Ann", "new", ExportBuilder.day(lines.toArray(String[]::new)));
        }
        try (ArchiveStore store = Stores.open(db)) {
            Archives.importFile(store, export.write(dir.resolve("fleet-export.xml")));
        }
    }

    /** The arguments of worker {@code n}: its User-Agent names it, so the server knows who asked. */
    String[] enrich(String db, int n, String delay, String lease) {
        return new String[] {
            "enrich",
            "--db=" + db,
            "--proxy=" + proxy(),
            "--delay=" + delay,
            "--lease=" + lease,
            "--worker-id=worker-" + n,
            "--user-agent=worker-" + n
        };
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
