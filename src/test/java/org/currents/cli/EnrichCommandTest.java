package org.currents.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.currents.store.ArchiveStore;
import org.currents.store.Stores;
import org.currents.testing.Archives;
import org.currents.testing.ExportBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code currents enrich} in-process, on a real archive imported from a small export, with a
 * local server on 127.0.0.1 as the proxy for the cited hosts.
 */
class EnrichCommandTest {
    @TempDir
    Path dir;

    HttpServer proxy;
    String db;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @BeforeEach
    void start() throws IOException {
        proxy = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        proxy.createContext("/", ex -> {
            boolean found = ex.getRequestURI().getPath().startsWith("/ok");
            byte[] body = "<title>A page</title>".getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "text/html");
            ex.sendResponseHeaders(found ? 200 : 404, body.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(body);
            }
        });
        proxy.start();
        db = dir.resolve("archive.db").toString();
        // three days of events citing the URLs the tests enrich, imported as a user would
        ExportBuilder export = new ExportBuilder()
                .page("Portal:Current events/2017 July 8")
                .revision(
                        1,
                        "2017-07-08T10:00:00Z",
                        "Ann",
                        "new",
                        ExportBuilder.day("*An event on the eighth happens somewhere. [http://a.test/ok1 (A)]"))
                .page("Portal:Current events/2017 July 9")
                .revision(
                        2,
                        "2017-07-09T10:00:00Z",
                        "Ann",
                        "new",
                        ExportBuilder.day(
                                "*An event on the ninth happens elsewhere. [http://a.test/ok2 (A)] [http://b.test/ok3 (B)]"))
                .page("Portal:Current events/2017 July 10")
                .revision(
                        3,
                        "2017-07-10T10:00:00Z",
                        "Ann",
                        "new",
                        ExportBuilder.day("*An event on the tenth is reported missing. [http://b.test/missing (B)]"));
        try (ArchiveStore store = Stores.open(db)) {
            Archives.importFile(store, export.write(dir.resolve("export.xml")));
        }
    }

    @AfterEach
    void stop() {
        proxy.stop(0);
    }

    int run(String... args) {
        String[] all = new String[args.length + 1];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--db=" + db;
        return Currents.run(new PrintWriter(out, true), new PrintWriter(err, true), all);
    }

    /** The archive's source metadata, read back through a fresh store. */
    Map<String, Long> outcomes() {
        try (ArchiveStore store = Stores.open(db)) {
            return store.sourceOutcomeCounts();
        }
    }

    Map<String, org.currents.model.SourceMeta> meta(List<String> urls) {
        try (ArchiveStore store = Stores.open(db)) {
            return store.sourceMeta(urls);
        }
    }

    String proxyUrl() {
        return "http://127.0.0.1:" + proxy.getAddress().getPort();
    }

    @Test
    void enrichesFirstSourcesAndPrintsTheSummary() {
        assertThat(run("enrich", "--proxy", proxyUrl(), "--delay", "0s", "--contact", "mailto:t@example.org"))
                .isZero();
        assertThat(out.toString())
                .startsWith("Enriched 3 of 3 URLs in ")
                .contains("  http-404")
                .contains("  ok  ")
                .contains("The archive now holds 3 URLs with metadata: http-404 1 ok 2");
        assertThat(err.toString()).isEmpty();
        assertThat(outcomes()).isEqualTo(Map.of("ok", 2L, "http-404", 1L));
    }

    @Test
    void choosesSourcesByDayAndAllSources() {
        assertThat(run("enrich", "--proxy", proxyUrl(), "--delay", "0s", "--day", "2017-07-09", "--all-sources"))
                .isZero();
        assertThat(meta(List.of("http://a.test/ok1", "http://a.test/ok2", "http://b.test/ok3")))
                .containsOnlyKeys("http://a.test/ok2", "http://b.test/ok3");
        assertThat(err.toString())
                .isEqualTo(
                        "currents: enrich: no --contact given; site owners cannot reach you" + System.lineSeparator());
    }

    @Test
    void fetchesAgainOnlyWithRefresh() {
        assertThat(run("enrich", "--proxy", proxyUrl(), "--delay", "0s", "--limit", "1"))
                .isZero();
        assertThat(out.toString()).startsWith("Enriched 1 of 1 URLs");
        out.getBuffer().setLength(0);
        assertThat(run("enrich", "--proxy", proxyUrl(), "--delay", "0s", "--from", "2017-07-08", "--to", "2017-07-08"))
                .isZero();
        assertThat(out.toString()).startsWith("Enriched 0 of 0 URLs");
        out.getBuffer().setLength(0);
        assertThat(run("enrich", "--proxy", proxyUrl(), "--delay", "0s", "--day", "2017-07-08", "--refresh"))
                .isZero();
        assertThat(out.toString()).startsWith("Enriched 1 of 1 URLs");
    }

    @Test
    void rejectsDayWithARange() {
        assertThat(run("enrich", "--day", "2017-07-08", "--from", "2017-07-01")).isEqualTo(Currents.USAGE);
        assertThat(err.toString())
                .isEqualTo("currents: --day cannot be combined with --from or --to" + System.lineSeparator());
    }

    @Test
    void rejectsAnUnreadableMaxAge() {
        assertThat(run("enrich", "--max-age", "soon")).isEqualTo(Currents.USAGE);
        assertThat(err.toString()).startsWith("currents: Invalid value for option '--max-age'");
    }

    @Test
    void logsEveryRequestAsItIsSentAndAppendsOnTheNextRun() throws IOException {
        Path log = dir.resolve("requests.tsv");
        assertThat(run("enrich", "--proxy", proxyUrl(), "--delay", "0s", "--worker-id=w\t1", "--request-log=" + log))
                .isZero();
        List<String> first = java.nio.file.Files.readAllLines(log);
        // robots.txt of both hosts, then the three pages
        assertThat(first).hasSize(5);
        List<String> urls = new java.util.ArrayList<>();
        for (String line : first) {
            String[] f = line.split("\t", -1);
            assertThat(f).as(line).hasSize(4);
            java.time.Instant booked = java.time.Instant.parse(f[0]);
            assertThat(java.time.Instant.parse(f[1])).as(line).isAfterOrEqualTo(booked);
            assertThat(f[2]).as("the worker, its tab made a space").isEqualTo("w 1");
            urls.add(f[3]);
        }
        assertThat(urls)
                .containsExactlyInAnyOrder(
                        "http://a.test:80/robots.txt",
                        "http://b.test:80/robots.txt",
                        "http://a.test/ok1",
                        "http://a.test/ok2",
                        "http://b.test/missing");
        assertThat(run(
                        "enrich",
                        "--proxy",
                        proxyUrl(),
                        "--delay",
                        "0s",
                        "--refresh",
                        "--limit=1",
                        "--request-log=" + log))
                .isZero();
        List<String> both = java.nio.file.Files.readAllLines(log);
        assertThat(both).hasSizeGreaterThan(5).startsWith(first.toArray(String[]::new));
    }

    @Test
    void refusesAFolderOrAMissingFolderAsTheRequestLogBeforeFetchingAnything() {
        assertThat(run("enrich", "--proxy", proxyUrl(), "--delay", "0s", "--request-log=" + dir))
                .isEqualTo(Currents.USAGE);
        assertThat(err.toString())
                .endsWith("currents: --request-log: " + dir + " is a folder; give a file to append to"
                        + System.lineSeparator());
        err.getBuffer().setLength(0);
        Path missing = dir.resolve("no-such-folder").resolve("requests.tsv");
        assertThat(run("enrich", "--proxy", proxyUrl(), "--delay", "0s", "--request-log=" + missing))
                .isEqualTo(Currents.FAILURE);
        assertThat(err.toString()).contains("currents: cannot open the request log " + missing);
        assertThat(outcomes()).isEmpty();
    }
}
