package org.currents.cli;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.currents.enrich.EnrichOptions;
import org.currents.enrich.EnrichSummary;
import org.currents.enrich.Enricher;
import org.currents.enrich.SharedWork;
import org.currents.store.ArchiveStore;
import org.currents.store.EnrichClaims;
import org.currents.store.EnrichSelection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code currents enrich}: fetches the cited sources that have no metadata yet and stores what
 * they say. Progress goes to stderr every few seconds, the summary by outcome to stdout. Ctrl-C
 * stops the run; every URL fetched so far is already stored.
 *
 * <p>Any number of enrich processes, on any machines, may work on one archive at once: they
 * share the URLs through it ({@link SharedWork}), each claiming a few at a time under a lease
 * that its heartbeat renews, and book every request's start in the archive so that the delay
 * per host holds across all of them. One process alone does what it did before.
 */
@Command(
        name = "enrich",
        header = "Fetch the cited news sources and store their metadata.",
        description = "Fetch cited news sources and store their metadata (title, description, image, ...).",
        mixinStandardHelpOptions = true)
final class EnrichCommand implements Callable<Integer> {
    /** Opens the archive named by {@code --db}. */
    interface StoreOpener {
        ArchiveStore open(String db, java.util.function.Consumer<String> notices);
    }

    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

    private final StoreOpener opener;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--db",
            paramLabel = "FILE|URL",
            defaultValue = "currents.db",
            converter = NonEmpty.Text.class,
            description = "The archive (default: ${DEFAULT-VALUE}).")
    String db;

    @Option(
            names = "--limit",
            paramLabel = "N",
            description = "Fetch at most N URLs (1..2147483647; default: every URL selected).")
    @Range(min = "1", max = "2147483647")
    Integer limit;

    @Option(names = "--day", paramLabel = "YYYY-MM-DD", description = "Only sources of events on this day.")
    LocalDate day;

    @Option(names = "--from", paramLabel = "YYYY-MM-DD", description = "Only sources of events on or after this day.")
    LocalDate from;

    @Option(names = "--to", paramLabel = "YYYY-MM-DD", description = "Only sources of events on or before this day.")
    LocalDate to;

    @Option(
            names = "--all-sources",
            description = "Every source of each event, not only the first (the one pages show).")
    boolean allSources;

    @Option(names = "--refresh", description = "Fetch again URLs that already have metadata.")
    boolean refresh;

    @Option(
            names = "--max-age",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "Fetch again metadata older than this, e.g. 30d (0s..36500d; default: never).")
    @Range(min = "0s", max = "36500d")
    Duration maxAge;

    @Option(
            names = "--concurrency",
            paramLabel = "N",
            description = "Most requests in flight overall (1..256; default: 16).")
    @Range(min = "1", max = "256")
    Integer concurrency;

    @Option(
            names = "--worker-id",
            paramLabel = "NAME",
            converter = NonEmpty.Text.class,
            description = "This worker's name among the enrich processes sharing the archive" + " (default: host:pid).")
    String workerId;

    @Option(
            names = "--lease",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "How long a claimed URL stays this worker's without its heartbeat (every third of it);"
                    + " a worker killed without warning gives its URLs back after it (1s..1h; default: 30s).")
    @Range(min = "1s", max = "1h")
    Duration lease;

    @Option(
            names = "--request-log",
            paramLabel = "FILE",
            description = "Append a line per request sent to FILE: its booked start, when it was sent, the worker,"
                    + " the URL (tab-separated; several workers may share one file).")
    java.nio.file.Path requestLog;

    @Mixin
    FetchFlags flags = new FetchFlags();

    EnrichCommand(StoreOpener opener) {
        this.opener = Objects.requireNonNull(opener, "opener");
    }

    @Override
    public Integer call() throws java.io.IOException, InterruptedException {
        EnrichSelection selection = selection();
        EnrichOptions.Builder options = flags.options();
        if (concurrency != null) {
            try {
                options.concurrency(concurrency);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (flags.contact == null && flags.userAgent == null) {
            err.println("currents: enrich: no --contact given; site owners cannot reach you");
        }
        CountDownLatch finished = new CountDownLatch(1);
        String worker = workerId != null ? workerId : defaultWorkerId();
        if (requestLog != null) {
            DbOption.refuseArchiveFile(db, "--request-log", requestLog.toString());
        }
        try (RequestLog log = requestLog == null ? null : RequestLog.open(requestLog, worker, err);
                ArchiveStore store = opener.open(db, DbOption.notices(err));
                EnrichClaims claims = store.enrichClaims();
                Enricher enricher = Enricher.of(options.build())) {
            if (log != null) {
                enricher.onSend(log);
            }
            Thread hook = new Thread(
                    () -> {
                        enricher.cancel();
                        try {
                            finished.await(10, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    },
                    "currents-enrich-interrupt");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                freeClaimsOfEndedWorkers(claims, err);
                SharedWork work =
                        new SharedWork(claims, job(), worker, lease == null ? SharedWork.DEFAULT_LEASE : lease);
                EnrichSummary summary = enricher.run(store, selection, work, new Progress(err, worker));
                printSummary(out, summary, store.sourceOutcomeCounts());
                return 0;
            } finally {
                removeHook(hook);
            }
        } finally {
            finished.countDown();
        }
    }

    private EnrichSelection selection() {
        if (day != null && (from != null || to != null)) {
            throw new UsageException("--day cannot be combined with --from or --to");
        }
        LocalDate first = day != null ? day : from;
        LocalDate last = day != null ? day : to;
        if (first != null && last != null && first.isAfter(last)) {
            throw new UsageException("--from must not be after --to: " + first + " > " + last);
        }
        Instant before = maxAge == null ? null : Instant.now().minus(maxAge);
        // the selection's 0 means "no limit"; --limit 0 never reaches it (its range starts at 1)
        return new EnrichSelection(first, last, allSources, refresh, before, limit == null ? 0 : limit);
    }

    /**
     * The selection's name: workers started with the same flags share their URLs; --limit is
     * left out (each worker's own bound), --max-age is named by its length, not its cut-off.
     */
    private String job() {
        return "day=" + (day == null ? "" : day) + " from=" + (from == null ? "" : from) + " to="
                + (to == null ? "" : to) + " all-sources=" + allSources + " refresh=" + refresh + " max-age="
                + (maxAge == null ? "" : maxAge);
    }

    /** {@code host:pid}: unique among the processes of all machines sharing an archive. */
    static String defaultWorkerId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        return host + ":" + ProcessHandle.current().pid();
    }

    /**
     * Gives back at once the claims of workers that ran on this host under their default id
     * ({@code host:pid}) and whose process has ended (killed, say), rather than after their
     * lease: a rerun after a {@code kill -9} starts at once. A pid reused by another process only
     * makes the claims wait for their lease.
     */
    static void freeClaimsOfEndedWorkers(EnrichClaims claims, PrintWriter err) {
        String me = defaultWorkerId();
        String host = me.substring(0, me.lastIndexOf(':') + 1);
        for (String worker : claims.holders(Instant.now())) {
            if (!worker.startsWith(host) || worker.equals(me)) {
                continue;
            }
            long pid;
            try {
                pid = Long.parseLong(worker.substring(host.length()));
            } catch (NumberFormatException e) {
                continue; // a name given with --worker-id: only its lease tells
            }
            if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                continue;
            }
            int freed = claims.releaseAll(worker);
            if (freed > 0) {
                err.println("currents: enrich: worker " + worker + " has ended without giving back its " + freed
                        + " URLs; they are free again");
            }
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is shutting down (Ctrl-C): the hook is running and waits for this run.
        }
    }

    static void printSummary(PrintWriter out, EnrichSummary s, Map<String, Long> stored) {
        out.printf(
                "%s %d of %d URLs in %s%n",
                s.cancelled() ? "Interrupted after" : "Enriched", s.done(), s.total(), humanDuration(s.elapsed()));
        s.byOutcome().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> out.printf("  %-26s %8d%n", e.getKey(), e.getValue()));
        if (s.fromWayback() > 0) {
            out.printf("  (%d of the ok ones from the Wayback Machine)%n", s.fromWayback());
        }
        if (!s.cancelled() && s.done() < s.total()) {
            out.printf("  (the other %d by other enrich workers)%n", s.total() - s.done());
        }
        out.printf(
                "The archive now holds %d URLs with metadata:",
                stored.values().stream().mapToLong(Long::longValue).sum());
        stored.forEach((outcome, n) -> out.printf(" %s %d", outcome, n));
        out.println();
        out.flush();
    }

    static String humanDuration(Duration d) {
        long s = d.toSeconds();
        return s >= 3600
                ? String.format("%dh%02dm%02ds", s / 3600, s / 60 % 60, s % 60)
                : s >= 60 ? String.format("%dm%02ds", s / 60, s % 60) : String.format("%.1fs", d.toMillis() / 1000.0);
    }

    /** Prints the run's state to stderr at most every few seconds. */
    private static final class Progress implements java.util.function.Consumer<EnrichSummary> {
        private final PrintWriter err;
        private final String worker;
        private long lastNanos = System.nanoTime();

        Progress(PrintWriter err, String worker) {
            this.err = err;
            this.worker = worker;
        }

        @Override
        public void accept(EnrichSummary s) {
            long now = System.nanoTime();
            if (now - lastNanos >= PROGRESS_EVERY.toNanos()) {
                lastNanos = now;
                err.println("currents: enrich: worker " + worker + ": " + s.line());
                err.flush();
            }
        }
    }
}
