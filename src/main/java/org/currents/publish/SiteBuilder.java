package org.currents.publish;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.currents.model.Event;
import org.currents.model.SourceMeta;
import org.currents.relate.ContextIndexer;
import org.currents.relate.Relations;
import org.currents.store.ArchiveStore;
import org.currents.store.EventSummary;

/**
 * Builds the site into a folder, in the manner of JBake's Oven: read the archive, plan the
 * pages, draw the days, draw the site-wide pages, sweep what is gone, remember what was done.
 * Each output format is a {@link Renderer}; by default the Markdown archive and the HTML site
 * (with its Atom feeds) are written side by side, at the same paths.
 *
 * <p>Incremental: a page is written only when its content changed, and only pages an earlier
 * build of currents wrote there are ever deleted. After a small change the plan is of the change
 * alone ({@link ChangePlan}: what changed since the last build, read from the store's indexed
 * queries), which trusts the last build's other pages to be there; otherwise, or with {@link
 * #full}, of the whole site ({@link PagePlan}), which looks at every page. A build only reads the archive: it works on a
 * read-only file. One page that cannot be drawn is reported and the rest is built.
 *
 * <p>Memory holds the archive in brief (summaries, relations, page paths) and the events of the
 * few days being drawn (two per thread at most), not the archive.
 *
 * <p>Days, topics and the plan's relating are done on one thread per processor; the pages are
 * the same whatever the number. Every page is noted in a journal before it is written, so that
 * a build stopped midway (Ctrl-C, kill -9) leaves pages the next build knows as its own.
 */
public final class SiteBuilder {
    /** The output formats. */
    public enum Format {
        /** The Markdown archive of SPEC.md. */
        MARKDOWN,
        /** The HTML site: pages, topics, calendars, Atom feeds, sitemap. */
        HTML
    }

    /** The wiki revision links point to, unless told otherwise. */
    public static final String DEFAULT_WIKI = "https://en.wikipedia.org/w/index.php";
    /** Where the site is served from, for the sitemap, feeds and Open Graph, unless told otherwise. */
    public static final String DEFAULT_BASE_URL = "http://localhost:8080";
    /** Problems a summary lists; the rest are counted. */
    public static final int PROBLEMS_LISTED = 50;

    /** The related digest of an event whose pages failed to draw: the next build draws them again. */
    static final String FAILED = "failed";
    /** The build state's mark of how many pages the site has. */
    private static final String PAGES = "pages";

    /** The mark holding the archive's id, set on the write path (history's Importer). */
    private static final String ARCHIVE_ID_MARK = "archive-id";

    /** Refusal to build into a folder that holds files but no currents build. */
    public static final class ForeignFolderException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ForeignFolderException(String message) {
            super(message);
        }
    }

    /** Refusal to build into a folder that another build is writing into ({@link BuildLock}). */
    public static final class BusyFolderException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BusyFolderException(String message) {
            super(message);
        }
    }

    private final ArchiveStore store;
    private final Path out;
    private final java.io.File outFile;
    private Set<Format> formats = EnumSet.allOf(Format.class);
    private String wiki = DEFAULT_WIKI;
    private String baseUrl = DEFAULT_BASE_URL;
    private boolean force;
    private boolean full;

    private final List<Renderer> renderers = new ArrayList<>();
    private final List<Renderer> extra = new ArrayList<>();
    private BuildState state;
    private int threads = Runtime.getRuntime().availableProcessors();
    // days are drawn on several threads: what they share is concurrent
    private final Set<String> wanted = ConcurrentHashMap.newKeySet();
    private final Set<String> failedEvents = ConcurrentHashMap.newKeySet();
    private final List<String> problems = new ArrayList<>();
    private long problemCount;
    private final LongAdder written = new LongAdder();
    private final LongAdder unchanged = new LongAdder();
    /** Pages drawn (rendered), whether or not their file then changed: the work a build did. */
    private final LongAdder drawn = new LongAdder();
    /** Pages written that the last build's state did not list. */
    private final LongAdder added = new LongAdder();
    /** Whether the last build planned the change alone ({@link ChangePlan}). */
    private boolean narrowed;

    private BuildJournal journal;
    /** Folders this build made or found, so that each is made once. */
    private final Set<Path> folders = ConcurrentHashMap.newKeySet();

    private SiteBuilder(ArchiveStore store, Path out) {
        this.store = Objects.requireNonNull(store, "store");
        this.out = Objects.requireNonNull(out, "out");
        this.outFile = out.toFile();
    }

    /** A builder of {@code store}'s site into folder {@code out}, in every format. */
    public static SiteBuilder of(ArchiveStore store, Path out) {
        return new SiteBuilder(store, out);
    }

    /**
     * The formats to write (default: all).
     *
     * @throws IllegalArgumentException if {@code formats} is empty
     */
    public SiteBuilder formats(Set<Format> formats) {
        if (formats.isEmpty()) {
            throw new IllegalArgumentException("formats must not be empty");
        }
        this.formats = EnumSet.copyOf(formats);
        return this;
    }

    /**
     * The wiki's {@code index.php} URL that revision and history links point to (default {@link
     * #DEFAULT_WIKI}); an {@code api.php} URL is taken as its {@code index.php}.
     *
     * @throws IllegalArgumentException if it is not an http(s) URL
     */
    public SiteBuilder wiki(String url) {
        String u = url.strip();
        if (!WebLinks.isWeb(u)) {
            throw new IllegalArgumentException("the wiki must be an http(s) URL: " + url);
        }
        this.wiki = u.endsWith("/api.php") ? u.substring(0, u.length() - "api.php".length()) + "index.php" : u;
        return this;
    }

    /**
     * The URL the site is served from (default {@link #DEFAULT_BASE_URL}): sitemaps, feeds and
     * Open Graph need absolute URLs.
     *
     * @throws IllegalArgumentException if it is not an http(s) URL
     */
    public SiteBuilder baseUrl(String url) {
        String u = url.strip();
        if (!WebLinks.isWeb(u)) {
            throw new IllegalArgumentException("the base URL must be an http(s) URL: " + url);
        }
        this.baseUrl = u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
        return this;
    }

    /**
     * How many threads draw days (default: one per processor). Pages are the same whatever
     * the number: a day is drawn by one thread, and no two days share a page.
     *
     * @throws IllegalArgumentException if {@code threads} is below 1
     */
    public SiteBuilder threads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1: " + threads);
        }
        this.threads = threads;
        return this;
    }

    /** Build even into a non-empty folder that holds no currents build (default false). */
    public SiteBuilder force(boolean force) {
        this.force = force;
        return this;
    }

    /**
     * Plan the whole site even after a small change (default false): every page is looked at,
     * and one that is missing (deleted by hand) is written again. A build after a small change
     * otherwise looks only at what changed, and trusts the last build's other pages to be there.
     */
    public SiteBuilder full(boolean full) {
        this.full = full;
        return this;
    }

    /** Whether the last {@link #build} planned the change alone: for tests of what a build does. */
    boolean plannedTheChangeAlone() {
        return narrowed;
    }

    /** How far a build is, for progress displays. */
    public interface Listener {
        /** After each day is rendered. */
        void day(LocalDate day, int done, int total);

        /**
         * While the site-wide pages are drawn: {@code done} of {@code total} pages of {@code
         * what} (topics, feeds, calendars).
         */
        default void sitePages(String what, int done, int total) {}
    }

    /**
     * Builds the site: a full build the first time (or for another archive), then only the days
     * whose events changed, the event pages whose Related list or topic links changed, and the
     * site-wide pages whose content changed.
     *
     * @throws ForeignFolderException when {@code out} holds files but no currents build, and
     *     {@link #force} was not given
     * @throws BusyFolderException when another build is writing into {@code out}
     * @throws UncheckedIOException when a page cannot be written, naming it
     */
    public BuildSummary build(Listener listener) {
        checkFolder();
        chooseRenderers();
        try (BuildLock lock = BuildLock.take(out)) {
            BuildState before = BuildState.load(out);
            BuildJournal.deleteHalfWritten(out);
            journal = new BuildJournal(out);
            try {
                return buildWithJournal(listener, before);
            } finally {
                journal.close(); // a failed build keeps the journal for the next one, closed
            }
        }
    }

    private BuildSummary buildWithJournal(Listener listener, BuildState before) {
        state = BuildState.after(before); // the page hashes go on from the last build's, read as looked into
        String archive = archiveId();
        long seq = store.changeSequence();
        Instant started = Instant.now();
        boolean incremental = archive.equals(before.marks.get("archive"))
                && before.marks.containsKey("seq")
                && formatsMark().equals(before.marks.get("formats"))
                && linksMark().equals(before.marks.get("links"));
        long since = incremental ? Long.parseLong(before.marks.get("seq")) : 0;
        Set<String> changed = incremental ? changedSince(before) : null;
        // the store's related-events index says which lists changed: only the events it names,
        // and those on dirty days or listing them, are related again
        boolean indexed = incremental && ContextIndexer.relatedIndexed(store);
        Views.Site site = new Views.Site(wiki, baseUrl);
        // planned and drawn in one snapshot of the archive: the pages of a change are drawn
        // from the store as it was planned, whatever a writer commits meanwhile
        ChangePlan change = indexed && !full && !before.interrupted() && before.marks.containsKey(PAGES)
                ? store.snapshot(() -> buildChange(before, changed, since, site, listener))
                : null;
        narrowed = change != null;
        PagePlan plan =
                change != null ? change.plan : buildWhole(before, incremental, indexed, changed, since, site, listener);
        long deleted = deleteGone(state.pageHashes.loaded());
        for (String id : failedEvents) {
            BuildState.EventState e = state.events.get(id);
            state.events.put(id, new BuildState.EventState(e.day(), FAILED, e.paths(), e.updated()));
        }
        // a build of the change looked at its pages only: the site's count goes on from the last
        long pages = change != null ? Long.parseLong(before.marks.get(PAGES)) + added.sum() - deleted : wanted.size();
        state.marks.put("archive", archive);
        state.marks.put("seq", Long.toString(seq));
        state.marks.put("meta-since", started.toString());
        state.marks.put("formats", formatsMark());
        state.marks.put("links", linksMark());
        state.marks.put(PAGES, Long.toString(pages));
        if (!incremental || written.sum() > 0 || deleted > 0 || !state.sameAs(before)) {
            state.save(out);
        }
        journal.finish(); // the state now lists what the journal did
        List<String> listed = new ArrayList<>(problems);
        listed.sort(null); // days are drawn in parallel: list problems in an order that does not vary
        return new BuildSummary(
                plan.days.size(),
                pages,
                written.sum(),
                change != null ? Math.max(0, pages - written.sum()) : unchanged.sum(),
                deleted,
                problemCount,
                List.copyOf(listed));
    }

    /**
     * Plans the whole site from every event in brief ({@link PagePlan}) and draws what changed or
     * is missing: a first build, a large change, or {@link #full}.
     */
    private PagePlan buildWhole(
            BuildState before,
            boolean incremental,
            boolean indexed,
            Set<String> changed,
            long since,
            Views.Site site,
            Listener listener) {
        state = BuildState.after(before); // as a declined plan of the change left it: empty
        Relations relations = Relations.of(store);
        PagePlan.Hints hints =
                indexed ? new PagePlan.Hints(store.relatedListsChangedSince(since), store::listing) : null;
        PagePlan plan = PagePlan.of(relations, before, changed, store::events, this::allExist, state, hints);
        plan.topics.forEach((key, path) ->
                state.names.put(key, new BuildState.TopicName(relations.count(key), path, relations.title(key))));
        if (!incremental || plan.touchedTopics == null) {
            state.pageHashes.loadAll(); // any page may be gone
        } else {
            // the pages that may be gone are of the dirty days and the topics drawn; the days'
            // shards are read here, the topics' as they are drawn
            for (LocalDate day : plan.dirty) {
                state.pageHashes.load(Paths.dayPage(day));
            }
        }
        List<EventSummary> summaries = relations.events();
        renderDays(
                new ArrayList<>(plan.days),
                day -> {
                    List<String> ids = new ArrayList<>();
                    summariesOf(day, summaries).forEach(e -> ids.add(e.id()));
                    return ids;
                },
                store::events,
                plan,
                site,
                listener);
        if (formats.contains(Format.HTML) && !keepSitePages(incremental, plan, before)) {
            new SitePages(SiteSource.of(relations), plan, site, this::page)
                    .threads(threads)
                    .incremental(incremental ? before.topics : Map.of(), state.topics, this::keepFiles)
                    .render(listener);
        }
        return plan;
    }

    /**
     * Plans the change since {@code before} alone and draws its pages; null, having drawn
     * nothing, when the change is not small ({@link ChangePlan#of}).
     */
    private ChangePlan buildChange(
            BuildState before, Set<String> changed, long since, Views.Site site, Listener listener) {
        ChangePlan change = ChangePlan.of(store, before, state, changed, since, this::allExist);
        if (change == null) {
            return null;
        }
        for (LocalDate day : change.plan.dirty) {
            state.pageHashes.load(Paths.dayPage(day)); // the pages that may be gone
        }
        for (String topic : change.goneTopics()) {
            state.pageHashes.load(topic + ".html");
        }
        renderDays(change.days(), change::idsOf, change::events, change.plan, site, listener);
        if (formats.contains(Format.HTML)) {
            // on one thread: the topics drawn read the store, whose connection is one
            new SitePages(change.source, change.plan, site, this::page)
                    .incremental(before.topics, state.topics, this::trust)
                    .render(listener);
        }
        return change;
    }

    /** A build deletes only what a build wrote: into a folder of other files it refuses. */
    private void checkFolder() {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new ForeignFolderException(out + " is not a folder");
        }
        if (!Files.exists(out)) {
            // found now, not as the first page fails to be written: a link to nothing, or a
            // path through a file (a folder is made only where its parents are folders)
            if (Files.isSymbolicLink(out)) {
                throw new ForeignFolderException(
                        out + " is a symbolic link to " + linkTarget() + ", which does not exist");
            }
            for (Path p = out.toAbsolutePath().getParent(); p != null; p = p.getParent()) {
                if (Files.exists(p)) {
                    if (!Files.isDirectory(p)) {
                        throw new ForeignFolderException(out + " cannot be made: " + p + " is not a folder");
                    }
                    break;
                }
                if (Files.isSymbolicLink(p)) {
                    throw new ForeignFolderException(out + " cannot be made: " + p + " is a symbolic link to nothing");
                }
            }
        }
        if (force || !Files.isDirectory(out) || BuildState.present(out)) {
            return;
        }
        try (Stream<Path> s = Files.list(out)) {
            if (s.findAny().isPresent()) {
                throw new ForeignFolderException(out
                        + " holds files but no currents build; build into an empty folder, or give --force"
                        + " to build there anyway (a build only ever deletes pages it wrote)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + out, e);
        }
    }

    private String linkTarget() {
        try {
            return Files.readSymbolicLink(out).toString();
        } catch (IOException e) {
            return "an unreadable target";
        }
    }

    private void chooseRenderers() {
        renderers.clear();
        if (formats.contains(Format.MARKDOWN)) {
            renderers.add(new MarkdownRenderer());
        }
        if (formats.contains(Format.HTML)) {
            renderers.add(new HtmlRenderer());
        }
        renderers.addAll(extra);
    }

    /** How many pages the last {@link #build} drew, in every format: for tests of what a build does. */
    long drawnPages() {
        return drawn.sum();
    }

    /** Adds a renderer of day and event pages beside the formats' own: for tests of a build's faults. */
    SiteBuilder alsoRender(Renderer renderer) {
        extra.add(renderer);
        return this;
    }

    private String formatsMark() {
        return formats.toString() + (extra.isEmpty() ? "" : " + " + extra.size());
    }

    /** The options every page's links depend on: another wiki or base URL makes a full build. */
    private String linksMark() {
        return wiki + " " + baseUrl;
    }

    /**
     * Keeps the site-wide pages of the last build when nothing they show can have changed: no
     * day is dirty and no event page is drawn again (so no event, path, title or time changed),
     * and every one of them is still there. They are drawn from the whole archive, so this is
     * what makes a build of an unchanged archive cheap.
     */
    private boolean keepSitePages(boolean incremental, PagePlan plan, BuildState before) {
        if (!incremental || !plan.dirty.isEmpty() || !plan.render.isEmpty()) {
            return false;
        }
        List<String> site = new ArrayList<>();
        state.pageHashes.loadSitePages();
        for (String page : state.pageHashes.loadedSitePages()) {
            if (!wanted.contains(page)) {
                if (!isFile(page)) {
                    return false;
                }
                site.add(page);
            }
        }
        wanted.addAll(site);
        unchanged.add(site.size());
        state.topics.putAll(before.topics);
        return true;
    }

    /**
     * Keeps files (paths with extension) of the last build when every one is still there; false,
     * keeping none, otherwise. The caller knows the last build drew them (a topic whose digest
     * it kept): a page that failed to draw has no file, or its last good one, which is ours.
     * Only the file is looked at, so that keeping a topic reads no shard of page hashes.
     */
    private boolean keepFiles(List<String> files) {
        for (String file : files) {
            if (wanted.contains(file) || !isFile(file)) {
                return false;
            }
        }
        wanted.addAll(files);
        unchanged.add(files.size());
        return true;
    }

    /**
     * Keeps files of the last build without looking at them: a build of the change trusts that
     * the pages outside it are there ({@code full} looks).
     */
    private boolean trust(List<String> files) {
        for (String file : files) {
            if (wanted.contains(file)) {
                return false;
            }
        }
        wanted.addAll(files);
        return true;
    }

    /**
     * The archive's id (set by the first import). An archive imported before ids were kept has
     * none; it is known by where it is, since a build never writes to the store.
     */
    private String archiveId() {
        long id = store.mark(ARCHIVE_ID_MARK);
        return id != 0 ? Long.toString(id) : "at " + store.describe();
    }

    private Set<String> changedSince(BuildState before) {
        Set<String> changed = new HashSet<>(store.eventsChangedSince(Long.parseLong(before.marks.get("seq"))));
        String since = before.marks.get("meta-since");
        if (since != null) {
            changed.addAll(store.eventsWithSourceMetaSince(Instant.parse(since)));
        }
        return changed;
    }

    /**
     * Draws every day: its day page and event pages where the plan says so. This thread reads
     * the archive (one connection, in day order) and hands each day to a pool that draws and
     * writes it; a few days wait at most, so memory still holds a few days' events, not the
     * archive. A day is drawn whole by one thread and every page path holds its day, so pages
     * and the "two pages claim a path" check are the same whatever the number of threads.
     */
    private void renderDays(
            List<LocalDate> days,
            Function<LocalDate, List<String>> idsOf,
            Function<LocalDate, List<Event>> eventsOf,
            PagePlan plan,
            Views.Site site,
            Listener listener) {
        int total = days.size();
        AtomicInteger done = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        ExecutorService pool = threads == 1
                ? null
                : Executors.newFixedThreadPool(threads, r -> {
                    Thread t = new Thread(r, "currents-build");
                    t.setDaemon(true);
                    return t;
                });
        Semaphore waiting = new Semaphore(threads * 2);
        try {
            for (LocalDate day : days) {
                if (failure.get() != null) {
                    break;
                }
                List<String> ofDay = idsOf.apply(day);
                boolean drawDay = plan.dirty.contains(day) || !allExist(List.of(Paths.dayPage(day)));
                boolean read = drawDay;
                for (String id : ofDay) {
                    read |= plan.render.contains(id);
                }
                List<Event> events = read ? eventsOf.apply(day) : null;
                Map<String, SourceMeta> meta = read ? firstSourceMeta(events) : null; // one query a day
                state.neighbours.put(day, plan.neighbours(day));
                Runnable draw = () -> {
                    if (failure.get() != null) {
                        return; // a day failed: the build stops, as it did on one thread
                    }
                    try {
                        renderDay(day, ofDay, events, meta, drawDay, plan, site);
                    } catch (Throwable t) {
                        failure.compareAndSet(null, t);
                    }
                    synchronized (listener) {
                        listener.day(day, done.incrementAndGet(), total);
                    }
                };
                if (pool == null) {
                    draw.run();
                    continue;
                }
                waiting.acquireUninterruptibly();
                pool.execute(() -> {
                    try {
                        draw.run();
                    } finally {
                        waiting.release();
                    }
                });
            }
        } finally {
            if (pool != null) {
                pool.shutdown();
                awaitQuietly(pool);
            }
        }
        Throwable t = failure.get();
        if (t instanceof RuntimeException r) {
            throw r;
        } else if (t instanceof Error e) {
            throw e;
        } else if (t != null) {
            throw new IllegalStateException(t);
        }
    }

    private static void awaitQuietly(ExecutorService pool) {
        boolean interrupted = false;
        while (true) {
            try {
                if (pool.awaitTermination(1, TimeUnit.MINUTES)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true; // the days being drawn finish first, so that the journal is whole
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Draws one day's pages: on a pool thread. */
    private void renderDay(
            LocalDate day,
            List<String> ofDay,
            List<Event> events,
            Map<String, SourceMeta> meta,
            boolean drawDay,
            PagePlan plan,
            Views.Site site) {
        for (String id : ofDay) {
            if (plan.render.contains(id)) {
                renderEvent(find(events, id), plan, meta, site);
            } else {
                keep(plan.paths.get(id));
            }
        }
        if (drawDay) {
            renderDayPage(day, events, plan, site);
        } else {
            keep(List.of(Paths.dayPage(day)));
        }
    }

    private void renderDayPage(LocalDate day, List<Event> events, PagePlan plan, Views.Site site) {
        Map<String, String> current = new HashMap<>();
        for (Event e : events) {
            current.put(e.id(), plan.current(e.id()));
        }
        LocalDate[] n = plan.neighbourDays(day);
        Views.DayPage view = new Views.DayPage(day, n[0], n[1], events, current);
        for (Renderer r : renderers) {
            page(r.extension(), Paths.dayPage(day), () -> r.dayPage(view, site));
        }
    }

    private void renderEvent(Event e, PagePlan plan, Map<String, SourceMeta> meta, Views.Site site) {
        SourceMeta first = e.current().sources().isEmpty()
                ? null
                : meta.get(e.current().sources().get(0).url());
        List<String> paths = plan.paths.get(e.id());
        Map<String, String> topics = new HashMap<>();
        e.contexts().forEach(c -> topics.put(c.key(), plan.topics.get(c.key())));
        plan.updated.put(e.id(), e.current().timestamp());
        for (int k = 0; k < e.versions().size(); k++) {
            Views.EventPage view = new Views.EventPage(e, k, paths, plan.related.get(e.id()), first, topics);
            for (Renderer r : renderers) {
                if (!page(r.extension(), paths.get(k), () -> r.eventPage(view, site))) {
                    failedEvents.add(e.id());
                }
            }
        }
    }

    /**
     * Draws and writes one page; false when it could not be drawn. A page that fails is
     * reported and its last good file is kept, so that one bad page never stops the build.
     */
    private boolean page(String extension, String path, Supplier<String> draw) {
        String file = path + "." + extension;
        if (wanted.contains(file)) {
            problem("two pages claim the path " + file + "; the second is not written");
            return false;
        }
        String content;
        try {
            drawn.increment();
            content = draw.get();
        } catch (RuntimeException e) {
            problem("cannot draw " + file + ": " + e);
            if (state.pageHashes.containsKey(file)) {
                wanted.add(file); // keep the last good page rather than leave a hole
            }
            return false;
        }
        if (content != null) {
            wanted.add(file);
            write(file, content.getBytes(StandardCharsets.UTF_8));
        }
        return true;
    }

    private synchronized void problem(String message) {
        problemCount++;
        if (problems.size() < PROBLEMS_LISTED) {
            problems.add(message);
        }
    }

    /** Keeps an unchanged event's pages, in every format. */
    private void keep(List<String> paths) {
        for (String p : paths) {
            for (Renderer r : renderers) {
                wanted.add(p + "." + r.extension());
                unchanged.increment();
            }
        }
    }

    /** What enrichment knows of the first source of each of {@code events}, by URL. */
    private Map<String, SourceMeta> firstSourceMeta(List<Event> events) {
        List<String> urls = new ArrayList<>();
        for (Event e : events) {
            if (!e.current().sources().isEmpty()) {
                urls.add(e.current().sources().get(0).url());
            }
        }
        return urls.isEmpty() ? Map.of() : store.sourceMeta(urls);
    }

    /**
     * True when every page, in every format, is still there. The callers ask of pages the last
     * build drew (the plan's paths of an event it knew, a day it built; one that failed to draw
     * is marked so and drawn again): only the file is looked at, not the page hashes, so that
     * a clean day reads no shard of them.
     */
    private boolean allExist(List<String> pages) {
        for (String p : pages) {
            for (Renderer r : renderers) {
                if (!isFile(p + "." + r.extension())) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Whether {@code relative} is a file in the output folder: java.io's stat on a path joined
     * as a string, since Path.resolve's checks cost more than the stat over 170,000 pages.
     */
    private boolean isFile(String relative) {
        return new java.io.File(outFile, relative).isFile();
    }

    private static Event find(List<Event> events, String id) {
        for (Event e : events) {
            if (e.id().equals(id)) {
                return e;
            }
        }
        throw new IllegalStateException("event " + id + " is in the archive's summary but not on its day");
    }

    private static List<EventSummary> summariesOf(LocalDate day, List<EventSummary> all) {
        // summaries are ordered by day: a binary search finds the day's run
        int lo = 0;
        int hi = all.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (all.get(mid).day().isBefore(day)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        int end = lo;
        while (end < all.size() && all.get(end).day().equals(day)) {
            end++;
        }
        return all.subList(lo, end);
    }

    /** Writes {@code bytes} to {@code relative} unless the file already holds them. */
    private void write(String relative, byte[] bytes) {
        Path file = out.resolve(relative);
        String hash = BuildState.hash(bytes);
        try {
            // the manifest says what the last build wrote; a file of that size is taken to be
            // it, so an unchanged archive is checked without reading its pages back
            String known = state.pageHashes.get(relative);
            if (known == null) {
                added.increment(); // a page new to the site (or to the state)
            }
            // java.io's stat, not Files': on JDK 17 Files.isRegularFile and createDirectories
            // throw and catch an exception for each missing file or existing folder, which over
            // 170,000 pages is seconds of CPU
            java.io.File f = file.toFile();
            boolean same = f.length() == bytes.length
                    && f.isFile()
                    && (known != null ? known.equals(hash) : Arrays.equals(Files.readAllBytes(file), bytes));
            state.pageHashes.put(relative, hash);
            if (same) {
                unchanged.increment();
                return;
            }
            journal.wrote(relative); // before the file: an interrupted build still knows it wrote it
            Path parent = file.getParent();
            if (!folders.contains(parent)) {
                Files.createDirectories(parent);
                folders.add(parent);
            }
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(tmp, bytes);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            written.increment();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /**
     * Deletes the pages an earlier build wrote ({@code before}: those of the shards of page
     * hashes this build read) that this one does not want, and the folders that leaves empty;
     * never anything else. The state forgets them.
     */
    private long deleteGone(List<String> before) {
        long deleted = 0;
        Set<Path> parents = new HashSet<>();
        for (String page : before) {
            if (!wanted.contains(page)) {
                Path file = out.resolve(page);
                delete(file);
                state.pageHashes.remove(page);
                parents.add(file.getParent());
                deleted++;
            }
        }
        List<Path> dirs = new ArrayList<>(parents);
        dirs.sort(Comparator.comparingInt(Path::getNameCount).reversed());
        for (Path dir : dirs) {
            for (Path d = dir; d != null && d.startsWith(out) && !d.equals(out); d = d.getParent()) {
                try (Stream<Path> s = Files.list(d)) {
                    if (s.findAny().isPresent()) {
                        break;
                    }
                } catch (IOException e) {
                    break; // already gone
                }
                delete(d);
            }
        }
        return deleted;
    }

    private static void delete(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + p, e);
        }
    }

    /** Draws and writes one page of the site, for the steps that draw site-wide pages. */
    interface PageSink {
        /**
         * Draws page {@code path} with extension {@code extension}; a null drawing writes nothing.
         *
         * @return false when it could not be drawn (reported)
         */
        boolean page(String extension, String path, Supplier<String> draw);
    }

    /** Does nothing with progress. */
    public static Listener quiet() {
        return (day, done, total) -> {};
    }

    /** Adapts a consumer of progress lines. */
    public static Listener lines(Consumer<String> sink) {
        return (day, done, total) -> sink.accept("build: " + done + " of " + total + " days (" + day + ")");
    }
}
