package org.currents.publish;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.currents.model.EventStatus;
import org.currents.relate.Relations;
import org.currents.store.SiteQueries.Brief;

/**
 * The HTML site's pages beyond days and events: home, years, month calendars, topics and their
 * pages, Atom feeds, sitemaps, robots.txt, the 404 page and the stylesheet. Drawn from the
 * archive in brief on every build; the writer leaves unchanged files alone, so an unchanged
 * archive writes nothing.
 */
final class SitePages {
    /** Days the home page shows. */
    static final int HOME_DAYS = 3;
    /** Events per page of a topic. */
    static final int TOPIC_PAGE = 200;
    /** Entries per feed. */
    static final int FEED_ENTRIES = 100;

    private final SiteSource source;
    private final PagePlan plan;
    private final Views.Site site;
    private final SiteBuilder.PageSink sink;
    private final HtmlRenderer html = new HtmlRenderer();
    private final AtomRenderer atom = new AtomRenderer();
    private final List<String> sitemap = new ArrayList<>();
    private int threads = 1;
    /** What the last build's topic pages showed, by context key; empty for a full build. */
    private Map<String, String> shownBefore = Map.of();
    /** Receives what this build's topic pages show, by context key. */
    private Map<String, String> shown = new java.util.concurrent.ConcurrentHashMap<>();
    /** Keeps the files of the last build (paths with extensions) when all are there. */
    private java.util.function.Predicate<List<String>> keep = files -> false;

    SitePages(SiteSource source, PagePlan plan, Views.Site site, SiteBuilder.PageSink sink) {
        this.source = source;
        this.plan = plan;
        this.site = site;
        this.sink = sink;
    }

    /** How many threads draw topics (default one); the pages are the same whatever the number. */
    SitePages threads(int threads) {
        this.threads = Math.max(1, threads);
        return this;
    }

    /**
     * Lets a topic whose pages would show what they showed in the last build keep them, without
     * drawing them again.
     *
     * @param before the digests of the last build, by context key (empty: draw every topic)
     * @param now receives this build's digests
     * @param keep keeps files of the last build when every one is there, true if it did
     */
    SitePages incremental(
            Map<String, String> before, Map<String, String> now, java.util.function.Predicate<List<String>> keep) {
        this.shownBefore = before;
        this.shown = now;
        this.keep = keep;
        return this;
    }

    /** Draws every site-wide page. */
    void render() {
        render(SiteBuilder.quiet());
    }

    /** Draws every site-wide page, telling {@code listener} how far the topics are. */
    void render(SiteBuilder.Listener listener) {
        home();
        calendars();
        topics(listener);
        latestFeed();
        fixedPages();
        sitemap();
    }

    private Views.EventItem item(Brief e) {
        Instant updated = plan.updated.get(e.id());
        return new Views.EventItem(
                e.id(),
                e.day(),
                e.text(),
                plan.current(e.id()),
                updated == null ? Instant.EPOCH : updated,
                e.status() != EventStatus.CURRENT);
    }

    private void html(String path, java.util.function.Supplier<String> draw) {
        html(path, draw, sitemap);
    }

    /**
     * Draws site page {@code path} unless its view is what the last build drew it from and its
     * file is still there (an incremental build after a small change leaves most calendars, the
     * home page and the topic index as they were). {@code view} is a record of what the page
     * shows: its text is the digest's input.
     */
    private void html(String path, Object view, java.util.function.Supplier<String> draw) {
        if (unchanged(path + ".html", view)) {
            sitemap.add(site.absolute("/" + path + ".html"));
            return;
        }
        html(path, draw, sitemap);
    }

    /**
     * True when the site page {@code file} (path with extension) would show what it showed in
     * the last build, {@code view}, and the build kept its file; notes this build's digest.
     */
    private boolean unchanged(String file, Object view) {
        String key = " page " + file; // no context key begins with a space
        String digest = BuildState.digestOf(view);
        shown.put(key, digest);
        return digest.equals(shownBefore.get(key)) && keep.test(List.of(file));
    }

    private void html(String path, java.util.function.Supplier<String> draw, List<String> map) {
        if (sink.page("html", path, draw)) {
            map.add(site.absolute("/" + path + ".html"));
        }
    }

    private void home() {
        Map<LocalDate, List<Views.EventItem>> latest = new LinkedHashMap<>();
        for (LocalDate d : plan.withCurrent.descendingSet()) {
            if (latest.size() == HOME_DAYS) {
                break;
            }
            latest.put(d, new ArrayList<>());
        }
        for (Brief e : source.eventsOn(latest.keySet())) {
            List<Views.EventItem> l = latest.get(e.day());
            if (l != null && e.status() == EventStatus.CURRENT) {
                l.add(item(e));
            }
        }
        List<Views.DayEvents> days = new ArrayList<>();
        latest.forEach((d, l) -> days.add(new Views.DayEvents(d, l)));
        List<Integer> years = new ArrayList<>();
        for (LocalDate d : plan.days.descendingSet()) {
            if (years.isEmpty() || years.get(years.size() - 1) != d.getYear()) {
                years.add(d.getYear());
            }
        }
        Views.HomePage view = new Views.HomePage(days, years);
        html("index", view, () -> html.homePage(view, site));
    }

    private void calendars() {
        TreeMap<YearMonth, List<Views.DayCount>> months = new TreeMap<>();
        source.dayCounts()
                .forEach((d, c) -> months.computeIfAbsent(YearMonth.from(d), m -> new ArrayList<>())
                        .add(new Views.DayCount(d, c[0], c[1])));
        TreeMap<Integer, Map<YearMonth, Integer>> years = new TreeMap<>();
        for (Map.Entry<YearMonth, List<Views.DayCount>> m : months.entrySet()) {
            int n = m.getValue().stream().mapToInt(Views.DayCount::events).sum();
            years.computeIfAbsent(m.getKey().getYear(), y -> new TreeMap<>()).put(m.getKey(), n);
            Views.MonthPage view = new Views.MonthPage(
                    m.getKey(), m.getValue(), months.lowerKey(m.getKey()), months.higherKey(m.getKey()));
            html(Paths.monthPage(m.getKey()), view, () -> html.monthPage(view, site));
        }
        for (Map.Entry<Integer, Map<YearMonth, Integer>> y : years.entrySet()) {
            Integer previous = years.lowerKey(y.getKey());
            Integer next = years.higherKey(y.getKey());
            Views.YearPage view = new Views.YearPage(
                    y.getKey(), y.getValue(), previous == null ? 0 : previous, next == null ? 0 : next);
            html(Paths.yearPage(y.getKey()), view, () -> html.yearPage(view, site));
        }
    }

    private Views.TopicEntry entry(Relations.Topic t) {
        return new Views.TopicEntry(t.key(), t.title(), plan.topics.get(t.key()), t.events());
    }

    private void topics(SiteBuilder.Listener listener) {
        List<Views.TopicEntry> all = new ArrayList<>();
        for (Relations.Topic t : source.topics()) {
            all.add(entry(t));
        }
        Views.TopicIndex index = new Views.TopicIndex(all);
        html("topics/index", index, () -> html.topicIndex(index, site));
        listener.sitePages("topics and feeds", 0, all.size());
        if (threads == 1) {
            int done = 0;
            for (Views.TopicEntry t : all) {
                topic(t, sitemap);
                listener.sitePages("topics and feeds", ++done, all.size());
            }
            return;
        }
        // topics are independent: drawn a batch at a time on a pool, their sitemap entries
        // added in topic order, so that the sitemap is the same whatever the number of threads
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "currents-topics");
            t.setDaemon(true);
            return t;
        });
        try {
            int batch = 16 * threads;
            for (int from = 0; from < all.size(); from += batch) {
                List<Future<List<String>>> drawn = new ArrayList<>();
                for (Views.TopicEntry t : all.subList(from, Math.min(all.size(), from + batch))) {
                    drawn.add(pool.submit(() -> {
                        List<String> map = new ArrayList<>();
                        topic(t, map);
                        return map;
                    }));
                }
                for (Future<List<String>> f : drawn) {
                    sitemap.addAll(await(f));
                }
                listener.sitePages("topics and feeds", Math.min(all.size(), from + batch), all.size());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static <T> T await(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while drawing topics", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error x) {
                throw x;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** One topic: its pages of {@link #TOPIC_PAGE} events, and its feed. */
    private void topic(Views.TopicEntry t, List<String> map) {
        if (plan.touchedTopics != null && !plan.touchedTopics.contains(t.key())) {
            // no event of it changed, and it has as many as before (none left it): as last drawn
            String was = shownBefore.get(t.key());
            int pages = Math.max(1, (t.events() + TOPIC_PAGE - 1) / TOPIC_PAGE);
            List<String> files = new ArrayList<>(pages + 1);
            for (int p = 1; p <= pages; p++) {
                files.add((p == 1 ? t.path() : t.path() + "/" + p) + ".html");
            }
            files.add("feeds/" + t.path() + ".atom");
            if (was != null && was.startsWith(t.events() + ":") && keep.test(files)) {
                shown.put(t.key(), was);
                for (int p = 1; p <= pages; p++) {
                    map.add(site.absolute("/" + (p == 1 ? t.path() : t.path() + "/" + p) + ".html"));
                }
                return;
            }
        }
        List<Brief> events = source.eventsOf(new Relations.Topic(t.key(), t.title(), t.events()));
        Map<YearMonth, Integer> timeline = new TreeMap<>();
        for (Brief e : events) {
            timeline.merge(YearMonth.from(e.day()), 1, Integer::sum);
        }
        List<Views.TopicEntry> with = new ArrayList<>();
        for (Relations.Topic c : source.coOccurring(t.key())) {
            with.add(new Views.TopicEntry(c.key(), c.title(), plan.topics.get(c.key()), c.events()));
        }
        int pages = Math.max(1, (events.size() + TOPIC_PAGE - 1) / TOPIC_PAGE);
        List<String> pagePaths = new ArrayList<>(pages);
        for (int p = 1; p <= pages; p++) {
            pagePaths.add(p == 1 ? t.path() : t.path() + "/" + p);
        }
        String feedPath = "feeds/" + t.path();
        // what the pages and the feed show: a topic whose events, co-occurring topics and names
        // are as in the last build keeps its files (topics are most of a site's pages)
        List<String> parts = new ArrayList<>();
        parts.add(t.key() + "\u0001" + t.title() + "\u0001" + t.path() + "\u0001" + t.events());
        for (Brief e : events) {
            Views.EventItem i = item(e);
            parts.add(i.id() + "\u0001" + i.day() + "\u0001" + i.text() + "\u0001" + i.path() + "\u0001" + i.updated()
                    + "\u0001" + i.removed());
        }
        for (Views.TopicEntry c : with) {
            parts.add(c.key() + "\u0002" + c.title() + "\u0002" + c.path() + "\u0002" + c.events());
        }
        String digest = t.events() + ":" + BuildState.digest(parts);
        shown.put(t.key(), digest);
        List<String> files = new ArrayList<>(pages + 1);
        pagePaths.forEach(p -> files.add(p + ".html"));
        files.add(feedPath + ".atom");
        if (digest.equals(shownBefore.get(t.key())) && keep.test(files)) {
            pagePaths.forEach(p -> map.add(site.absolute("/" + p + ".html")));
            return;
        }
        for (int p = 1; p <= pages; p++) {
            List<Views.MonthEvents> months = new ArrayList<>();
            for (Brief e : events.subList((p - 1) * TOPIC_PAGE, Math.min(events.size(), p * TOPIC_PAGE))) {
                YearMonth m = YearMonth.from(e.day());
                if (months.isEmpty() || !months.get(months.size() - 1).month().equals(m)) {
                    months.add(new Views.MonthEvents(m, new ArrayList<>()));
                }
                months.get(months.size() - 1).events().add(item(e));
            }
            Views.TopicPage view =
                    new Views.TopicPage(t, p, pages, pagePaths, "/" + feedPath + ".atom", months, timeline, with);
            html(pagePaths.get(p - 1), () -> html.topicPage(view, site), map);
        }
        feed(
                AtomRenderer.TAG + "topic/" + tagPart(t.key()),
                "currents: " + t.title(),
                feedPath,
                t.path(),
                events,
                false);
    }

    private void latestFeed() {
        feed(
                AtomRenderer.TAG + "latest",
                "currents: latest events",
                "feeds/latest",
                "index",
                source.feedCandidates(),
                true);
    }

    /** A feed of the {@link #FEED_ENTRIES} events of {@code events} with the newest versions. */
    private void feed(String id, String title, String path, String alternate, List<Brief> events, boolean byDigest) {
        // the newest FEED_ENTRIES by a bounded heap, not a sort of them all: the latest feed is
        // drawn from every event of the archive after each change (ids are unique, so the order
        // is total and the entries are those a sort would give)
        Comparator<Views.EventItem> order =
                Comparator.comparing(Views.EventItem::updated).reversed().thenComparing(Views.EventItem::id);
        java.util.PriorityQueue<Views.EventItem> newest = new java.util.PriorityQueue<>(order.reversed());
        for (Brief e : events) {
            newest.add(item(e));
            if (newest.size() > FEED_ENTRIES) {
                newest.poll();
            }
        }
        List<Views.EventItem> items = new ArrayList<>(newest);
        items.sort(order);
        List<Views.EventItem> entries = List.copyOf(items);
        Views.Feed feed = new Views.Feed(id, title, path + ".atom", alternate, entries);
        if (byDigest && unchanged(path + ".atom", feed)) {
            return; // the latest feed; a topic's is kept with its pages, by their digest
        }
        sink.page("atom", path, () -> atom.feed(feed, site));
    }

    /** A context key as the specific part of a {@code tag:} URI: its UTF-8 percent-encoded. */
    static String tagPart(String key) {
        StringBuilder out = new StringBuilder();
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return out.toString();
    }

    /** Where the sample's cover images are among the resources. */
    static final String SAMPLE_COVERS = "/org/currents/sample/covers/";

    /** Draws only the pages that show nothing of the archive (404, stylesheet, images, robots.txt). */
    void fixed() {
        fixedPages();
    }

    private void fixedPages() {
        sink.page("html", "404", () -> html.notFoundPage(site));
        sink.page("css", "assets/style", () -> resource("/org/currents/publish/style.css"));
        // the demo sample's cover images (its source metadata names them as /assets/sample/...),
        // so that the demo shows covers without the network; a few small SVG files
        for (String name : resource(SAMPLE_COVERS + "index.txt").split("\n")) {
            if (!name.isBlank() && !name.startsWith("#")) {
                String file = name.strip();
                sink.page(
                        "svg",
                        "assets/sample/" + file.substring(0, file.length() - ".svg".length()),
                        () -> resource(SAMPLE_COVERS + file));
            }
        }
        sink.page("txt", "robots", () -> "User-agent: *\nAllow: /\n\nSitemap: " + site.absolute("/sitemap.xml") + "\n");
    }

    /**
     * The sitemaps ({@link Sitemap}): the index, the site-wide pages' (drawn on every build that
     * draws site pages: its addresses are those of the pages drawn above), and one per month,
     * drawn only for the months of dirty days (where an event's path can change, or a day come
     * or go) or whose files are missing; the other months keep the last build's files.
     */
    private void sitemap() {
        TreeMap<YearMonth, Integer> counts = new TreeMap<>();
        source.dayCounts().forEach((d, c) -> counts.merge(YearMonth.from(d), 1 + c[0] + c[1], Integer::sum));
        java.util.Set<YearMonth> draw = new java.util.HashSet<>();
        for (LocalDate d : plan.dirty) {
            draw.add(YearMonth.from(d));
        }
        for (Map.Entry<YearMonth, Integer> m : counts.entrySet()) {
            if (draw.contains(m.getKey())) {
                continue;
            }
            List<String> files = new ArrayList<>();
            for (int p = 1; p <= Sitemap.parts(m.getValue()); p++) {
                files.add(Sitemap.path(m.getKey(), p) + ".xml");
            }
            if (!keep.test(files)) {
                draw.add(m.getKey());
            }
        }
        Map<YearMonth, List<String>> urls = new TreeMap<>();
        java.util.Set<LocalDate> drawn = new java.util.HashSet<>();
        for (LocalDate d : plan.days) {
            YearMonth m = YearMonth.from(d);
            if (draw.contains(m)) {
                urls.computeIfAbsent(m, k -> new ArrayList<>()).add(site.absolute("/" + Paths.dayPage(d) + ".html"));
                drawn.add(d);
            }
        }
        for (Brief e : source.eventsOn(drawn)) {
            List<String> l = urls.get(YearMonth.from(e.day()));
            if (l != null) {
                l.add(site.absolute("/" + plan.current(e.id()) + ".html"));
            }
        }
        urls.forEach((m, l) -> {
            for (int p = 1; p <= Sitemap.parts(l.size()); p++) {
                List<String> part = Sitemap.part(l, p);
                sink.page("xml", Sitemap.path(m, p), () -> Sitemap.urlset(part));
            }
        });
        for (int p = 1; p <= Sitemap.parts(sitemap.size()); p++) {
            List<String> part = Sitemap.part(sitemap, p);
            sink.page("xml", Sitemap.path(null, p), () -> Sitemap.urlset(part));
        }
        List<String> all = Sitemap.all(sitemap.size(), counts);
        sink.page("xml", Sitemap.INDEX, () -> Sitemap.index(site, all));
    }

    private static String resource(String name) {
        try (InputStream in = SitePages.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the resource " + name + " is missing from this build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }
}
