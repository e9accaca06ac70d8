package org.currents.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.currents.store.ArchiveStore;
import org.currents.store.SourceStore;
import org.currents.store.sqlite.SqliteFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code currents enrich} in-process. The archive is a SQLite test database seen through
 * {@link ArchiveStore}: its source methods are real, the rest unused here.
 */
class EnrichCommandTest {
    @TempDir
    Path dir;

    HttpServer proxy;
    SqliteFixture db;
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
        db = SqliteFixture.create(dir.resolve("archive.db"));
        db.event("e1", LocalDate.of(2017, 7, 8), "http://a.test/ok1")
                .event("e2", LocalDate.of(2017, 7, 9), "http://a.test/ok2", "http://b.test/ok3")
                .event("e3", LocalDate.of(2017, 7, 10), "http://b.test/missing");
    }

    @AfterEach
    void stop() {
        db.close();
        proxy.stop(0);
    }

    int run(String... args) {
        // the root command with only an `enrich` whose store is the fixture's
        CommandLine cl = new CommandLine(new Currents());
        cl.addSubcommand(new EnrichCommand(name -> archive(db.sources())));
        Failures failures = new Failures(cl.getCommand());
        cl.setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
        cl.setExecutionExceptionHandler(failures).setParameterExceptionHandler(failures);
        cl.setExitCodeExceptionMapper(t -> Currents.FAILURE);
        return cl.execute(args);
    }

    static ArchiveStore archive(SourceStore sources) {
        return (ArchiveStore) Proxy.newProxyInstance(
                EnrichCommandTest.class.getClassLoader(), new Class<?>[] {ArchiveStore.class}, (p, method, args) -> {
                    if (method.getDeclaringClass() == SourceStore.class) {
                        return invoke(method, sources, args);
                    }
                    return switch (method.getName()) {
                        case "close" -> null;
                        case "describe" -> "test archive";
                        default -> throw new UnsupportedOperationException(method.getName());
                    };
                });
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
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
        assertThat(db.sources().sourceOutcomeCounts()).isEqualTo(Map.of("ok", 2L, "http-404", 1L));
    }

    @Test
    void choosesSourcesByDayAndAllSources() {
        assertThat(run("enrich", "--proxy", proxyUrl(), "--delay", "0s", "--day", "2017-07-09", "--all-sources"))
                .isZero();
        assertThat(db.sources().sourceMeta(List.of("http://a.test/ok1", "http://a.test/ok2", "http://b.test/ok3")))
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
}
