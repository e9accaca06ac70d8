package org.currents.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import org.currents.history.ImportSummary;
import org.currents.publish.BuildSummary;
import org.currents.publish.SiteBuilder;
import org.currents.relate.ContextIndexer;
import org.currents.store.Access;
import org.currents.store.ArchiveStore;
import org.currents.store.Stores;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code currents demo}: the shipped sample into a fresh archive, and its site. */
@Command(
        name = "demo",
        header = "Import the shipped sample into a fresh archive and build its site.",
        mixinStandardHelpOptions = true,
        description = "Import the sample the program ships (a week of day pages around 2017 July 9, several "
                + "revisions each, with a vandal edit and its revert) into a fresh archive, and build the "
                + "site from it: the Markdown archive and the HTML site. Then serve it (as 'serve' does) "
                + "at http://127.0.0.1:8080/ until Ctrl-C; --no-serve stops after the build.")
final class DemoCommand implements Callable<Integer> {
    static final String SAMPLE = "/org/currents/sample/portal-sample.xml";

    @Spec
    CommandSpec spec;

    @Option(
            names = "--db",
            paramLabel = "PATH",
            defaultValue = "currents-demo.db",
            converter = NonEmpty.FilePath.class,
            description = "The demo archive, replaced if it exists (default: ${DEFAULT-VALUE}).")
    Path db;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            defaultValue = "demo-site",
            converter = NonEmpty.FilePath.class,
            description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Mixin
    SiteFlags site;

    @Mixin
    ServeFlags serve;

    @Option(names = "--no-serve", description = "Import and build only; do not serve the archive afterwards.")
    boolean noServe;

    /** What the sample's cited articles say about themselves, as enrich would have stored it. */
    static final String SAMPLE_META = "/org/currents/sample/source-meta.json";

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        site.check(out);
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            Files.deleteIfExists(Path.of(db + suffix));
        }
        Path sample = Files.createTempFile("currents-sample", ".xml");
        try (InputStream in = DemoCommand.class.getResourceAsStream(SAMPLE)) {
            if (in == null) {
                throw new IllegalStateException("the sample " + SAMPLE + " is missing from this build");
            }
            Files.copy(in, sample, StandardCopyOption.REPLACE_EXISTING);
        }
        try (ArchiveStore store = Stores.open(db.toString(), Access.WRITE, DbOption.notices(err));
                ArchiveStore.Lock lock = store.lockForWriting("currents demo")) {
            store.writingStarted();
            ImportSummary s = ImportCommand.importFile(
                    store,
                    sample,
                    err,
                    false,
                    new java.util.concurrent.atomic.AtomicReference<>(),
                    new java.util.concurrent.atomic.AtomicBoolean());
            ImportCommand.print(stdout, Path.of("sample"), s);
            ContextIndexer.refresh(store); // the update path's last step, as import does
            saveSampleMeta(store);
            Progress progress = new Progress(err);
            BuildSummary b = BuildCommand.build(site.builder(store, out), progress);
            progress.done();
            SiteFlags.problems(err, b);
            BuildCommand.print(stdout, out, b, progress.seconds());
            store.writingFinished();
        } finally {
            Files.deleteIfExists(sample);
        }
        boolean html = site.formats().contains(SiteBuilder.Format.HTML);
        stdout.println("archive: " + db + "   site: " + out + "   try: "
                + out.resolve(html ? "news/2017/07/9/index.html" : "news/2017/07/9/index.md"));
        stdout.flush();
        if (noServe) {
            return Currents.OK;
        }
        java.util.concurrent.CountDownLatch stop = new java.util.concurrent.CountDownLatch(1);
        try (Interruption ignored = Interruption.onSignal(stop::countDown);
                ServeFlags.Running running = serve.start(db.toString(), err)) {
            stdout.println("serving the demo at " + running.url() + " (Ctrl-C stops)");
            stdout.flush();
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stdout.println("demo stopped");
        stdout.flush();
        return Currents.OK;
    }

    /** Stores the sample's source metadata (shipped with it: the demo needs no network). */
    private static void saveSampleMeta(ArchiveStore store) throws IOException {
        try (InputStream in = DemoCommand.class.getResourceAsStream(SAMPLE_META)) {
            if (in == null) {
                throw new IllegalStateException("the sample's metadata " + SAMPLE_META + " is missing from this build");
            }
            for (com.fasterxml.jackson.databind.JsonNode m :
                    new com.fasterxml.jackson.databind.ObjectMapper().readTree(in)) {
                store.saveSourceMeta(new org.currents.model.SourceMeta(
                        m.path("url").asText(),
                        text(m, "final_url"),
                        m.path("http_status").asInt(),
                        m.path("outcome").asText(),
                        java.time.Instant.parse(m.path("fetched_at").asText()),
                        text(m, "title"),
                        text(m, "description"),
                        text(m, "image"),
                        text(m, "site_name"),
                        null,
                        null,
                        null,
                        "en",
                        null,
                        null));
            }
        }
    }

    private static String text(com.fasterxml.jackson.databind.JsonNode m, String field) {
        com.fasterxml.jackson.databind.JsonNode v = m.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
