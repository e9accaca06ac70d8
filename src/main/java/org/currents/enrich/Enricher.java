package org.currents.enrich;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.currents.model.SourceMeta;
import org.currents.store.CitedUrl;
import org.currents.store.EnrichSelection;
import org.currents.store.SourceStore;

/**
 * Source enrichment: fetches cited URLs politely and safely, extracts their metadata and stores
 * one {@link SourceMeta} per URL as soon as it is fetched, so an interrupted run keeps its work.
 * Every URL gets an outcome; nothing about a URL aborts the run.
 *
 * <p>With {@link EnrichOptions#wayback()}, a dead link (HTTP 4xx/5xx other than 429, timeout,
 * connection failure, unknown host) is looked up in the Wayback Machine; when a snapshot near the
 * event's day yields a page, its metadata is stored with outcome {@code ok}, {@code archiveUrl}
 * naming the snapshot, and {@code finalUrl}/{@code httpStatus} still telling what the live URL
 * answered.
 *
 * <p>One enricher serves one run or a few {@link #meta} calls; it caches robots.txt per host for
 * its lifetime (and, sharing work with other processes, reads and keeps it in the archive for
 * them). Close it to stop its threads.
 */
public final class Enricher implements AutoCloseable {
    /**
     * Worker threads per request in flight: a worker spends most of its time waiting for a
     * host's next slot (after robots.txt, between redirects, before retries), not sending, so
     * that {@link EnrichOptions#concurrency()} requests can really be in flight across hosts.
     */
    private static final int WORKERS_PER_REQUEST = 4;

    /** How long the dispatcher waits at most before looking at the hosts' readiness again. */
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final EnrichOptions options;
    private final Fetcher fetcher;
    private final Wayback wayback;
    private final ExecutorService workers;
    private volatile boolean cancelled;

    private Enricher(EnrichOptions options, AddressGuard guard) {
        this.options = options;
        this.fetcher = new Fetcher(options, guard);
        this.wayback = new Wayback(fetcher, options.waybackApi());
        this.workers = Executors.newFixedThreadPool(workerCount(options), r -> {
            Thread t = new Thread(r, "currents-enrich");
            t.setDaemon(true);
            return t;
        });
    }

    private static int workerCount(EnrichOptions options) {
        return options.concurrency() * WORKERS_PER_REQUEST;
    }

    /** An enricher with these options, resolving host names through the JVM. */
    public static Enricher of(EnrichOptions options) {
        return new Enricher(Objects.requireNonNull(options, "options"), AddressGuard.system());
    }

    /** An enricher with a substitute resolver, for tests of the guard. */
    static Enricher of(EnrichOptions options, AddressGuard guard) {
        return new Enricher(options, guard);
    }

    /**
     * Fetches one URL and returns what was learnt, without storing it: the {@code meta} command.
     *
     * @param url the URL as cited; one that is no http(s) URL gets the outcome {@code bad-url}
     * @param day the day it was cited (for a Wayback snapshot), or null
     * @throws InterruptedException if the calling thread is interrupted while waiting
     */
    public SourceMeta meta(String url, LocalDate day) throws InterruptedException {
        Objects.requireNonNull(url, "url");
        URI uri = Urls.parse(url);
        if (uri == null) {
            return failed(url, null, 0, fetcher.unfetchable(url));
        }
        return enrich(url, uri, null, day);
    }

    /**
     * Enriches the URLs {@code selection} picks from {@code store}, storing each result as soon
     * as it is fetched. Runs until every URL is done or {@link #cancel()} is called.
     *
     * @param progress told the state of the run after each stored URL (on the calling thread)
     * @return the summary of the run
     * @throws InterruptedException if the calling thread is interrupted (the run stops, what
     *     was stored stays)
     */
    public EnrichSummary run(SourceStore store, EnrichSelection selection, Consumer<EnrichSummary> progress)
            throws InterruptedException {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(selection, "selection");
        Objects.requireNonNull(progress, "progress");
        long started = System.nanoTime();
        List<CitedUrl> selected = store.urlsToEnrich(selection);
        return dispatch(store, selected.size(), new Feed.AllAtOnce(selected), started, progress);
    }

    /**
     * Enriches the URLs {@code selection} picks, sharing them with the other workers of {@code
     * work}: this worker offers what it selected, then claims a few URLs at a time, whoever
     * offered them, and renews its claims by a heartbeat every third of the lease. It ends when no
     * offered URL is left undone, waiting for those other workers hold (a worker that died gives
     * them back when its lease expires), or when it took {@code selection.limit()}. Stopped by
     * {@link #cancel()}, a failure or an interruption, it gives back its claims at once. Each
     * request's start is booked in the archive, so the delay holds across all workers.
     *
     * @param progress told the state of the run after each stored URL (on the calling thread)
     * @return the summary of this worker's part: {@code total} is what its selection found
     * @throws InterruptedException if the calling thread is interrupted
     */
    public EnrichSummary run(
            SourceStore store, EnrichSelection selection, SharedWork work, Consumer<EnrichSummary> progress)
            throws InterruptedException {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(selection, "selection");
        Objects.requireNonNull(work, "work");
        Objects.requireNonNull(progress, "progress");
        long started = System.nanoTime();
        Instant selectedAt = Instant.now();
        List<CitedUrl> selected = store.urlsToEnrich(selection);
        work.claims().offer(work.job(), selected, selectedAt);
        Feed.Claimed feed = new Feed.Claimed(work, selection.limit());
        fetcher.share(work.claims());
        try {
            return dispatch(store, selected.size(), feed, started, progress);
        } finally {
            fetcher.share(null);
            feed.stop();
        }
    }

    /**
     * Fetches what {@code feed} gives, each host's URLs one after the other as politeness lets
     * them start, and stores each outcome as it comes.
     */
    private EnrichSummary dispatch(
            SourceStore store, int total, Feed feed, long started, Consumer<EnrichSummary> progress)
            throws InterruptedException {
        Tally tally = new Tally();
        Map<String, ArrayDeque<Target>> queues = new LinkedHashMap<>();
        CompletionService<SourceMeta> done = new ExecutorCompletionService<>(workers);
        int waiting = 0;
        int running = 0;
        try {
            while (!cancelled) {
                if (waiting < workerCount(options)) {
                    for (CitedUrl cited : feed.more(workerCount(options) - waiting)) {
                        URI uri = Urls.parse(cited.url());
                        if (uri == null) {
                            tally.add(store, failed(cited.url(), null, 0, fetcher.unfetchable(cited.url())));
                            feed.done(cited.url());
                            continue;
                        }
                        queues.computeIfAbsent(Urls.hostKey(uri), k -> new ArrayDeque<>())
                                .add(new Target(cited.url(), uri, cited.day()));
                        waiting++;
                    }
                }
                if (queues.isEmpty() && running == 0) {
                    if (feed.exhausted()) {
                        break;
                    }
                    continue;
                }
                long soonest = POLL_NANOS;
                for (Iterator<Map.Entry<String, ArrayDeque<Target>>> it =
                                queues.entrySet().iterator();
                        it.hasNext() && running < workerCount(options); ) {
                    Map.Entry<String, ArrayDeque<Target>> host = it.next();
                    Politeness.Lease lease = fetcher.politeness().tryAcquire(host.getKey());
                    if (lease == null) {
                        soonest = Math.min(soonest, fetcher.politeness().readyIn(host.getKey()));
                        continue;
                    }
                    Target t = host.getValue().poll();
                    if (host.getValue().isEmpty()) {
                        it.remove();
                    }
                    waiting--;
                    done.submit(() -> enrich(t.url(), t.uri(), lease, t.day()));
                    running++;
                }
                Future<SourceMeta> next = done.poll(Math.max(soonest, 1_000_000), TimeUnit.NANOSECONDS);
                while (next != null) {
                    running--;
                    SourceMeta meta = result(next);
                    tally.add(store, meta);
                    feed.done(meta.url());
                    progress.accept(tally.summary(total, started, false));
                    next = done.poll();
                }
            }
        } finally {
            if (cancelled) {
                workers.shutdownNow();
            }
        }
        return tally.summary(total, started, cancelled);
    }

    private static SourceMeta result(Future<SourceMeta> future) throws InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof InterruptedException ie) {
                throw ie;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("enrichment task failed", cause);
        } catch (CancellationException e) {
            throw new InterruptedException("enrichment cancelled");
        }
    }

    /**
     * Sets who is told each request's start, on the sending thread just before it is sent: a
     * request log. The listener must be quick and safe for use by several threads.
     */
    public void onSend(java.util.function.Consumer<RequestStart> listener) {
        fetcher.onSend(listener);
    }

    /** Stops a {@link #run} soon: no new URL starts, URLs in flight are abandoned (not stored). */
    public void cancel() {
        cancelled = true;
    }

    private record Target(String url, URI uri, LocalDate day) {}

    /** Counts of what a run stored. */
    private static final class Tally {
        final Map<String, Long> byOutcome = new TreeMap<>();
        int done;
        int fromWayback;

        void add(SourceStore store, SourceMeta meta) {
            store.saveSourceMeta(meta);
            done++;
            byOutcome.merge(meta.outcome(), 1L, Long::sum);
            if (meta.archiveUrl() != null) {
                fromWayback++;
            }
        }

        EnrichSummary summary(int total, long started, boolean cancelled) {
            // a shared worker may take URLs others selected: then it did more than it selected
            return new EnrichSummary(
                    Math.max(total, done),
                    done,
                    byOutcome,
                    fromWayback,
                    Duration.ofNanos(System.nanoTime() - started),
                    cancelled);
        }
    }

    private SourceMeta enrich(String url, URI uri, Politeness.Lease lease, LocalDate day) throws InterruptedException {
        Fetcher.Result r = fetcher.fetch(uri, lease, Fetcher.Accept.HTML);
        if (r.ok()) {
            PageMetadata m = MetadataExtractor.extract(r.body(), r.contentType(), r.finalUrl());
            return meta(url, r, m, null);
        }
        if (options.wayback() && Outcomes.deadLink(r.outcome())) {
            SourceMeta archived = fromWayback(url, uri, day, r);
            if (archived != null) {
                return archived;
            }
        }
        return failed(url, r.finalUrl(), r.status(), r.outcome());
    }

    private SourceMeta fromWayback(String url, URI uri, LocalDate day, Fetcher.Result live)
            throws InterruptedException {
        URI snapshot = wayback.closest(uri, day);
        if (snapshot == null) {
            return null;
        }
        Fetcher.Result archived = fetcher.fetch(Wayback.raw(snapshot), null, Fetcher.Accept.HTML);
        if (!archived.ok()) {
            return null;
        }
        URI original = Wayback.original(snapshot);
        PageMetadata m = MetadataExtractor.extract(
                archived.body(), archived.contentType(), original != null ? original : archived.finalUrl());
        return meta(url, live, m, snapshot.toString());
    }

    private static SourceMeta meta(String url, Fetcher.Result r, PageMetadata m, String archiveUrl) {
        return SourceMeta.builder(url, Outcomes.OK, now())
                .finalUrl(r.finalUrl() == null ? null : r.finalUrl().toString())
                .httpStatus(r.status())
                .title(m.title())
                .description(m.description())
                .image(m.image())
                .siteName(m.siteName())
                .published(m.published())
                .modified(m.modified())
                .canonicalUrl(m.canonicalUrl())
                .language(m.language())
                .author(m.author())
                .archiveUrl(archiveUrl)
                .build();
    }

    private static SourceMeta failed(String url, URI finalUrl, int status, String outcome) {
        return SourceMeta.builder(url, outcome, now())
                .finalUrl(finalUrl == null ? null : finalUrl.toString())
                .httpStatus(status)
                .build();
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }

    @Override
    public void close() {
        workers.shutdownNow();
        fetcher.close();
    }
}
