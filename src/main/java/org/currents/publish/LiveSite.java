package org.currents.publish;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.currents.model.Event;
import org.currents.model.EventStatus;
import org.currents.model.SourceMeta;
import org.currents.relate.ContextIndexer;
import org.currents.relate.Relations;
import org.currents.store.ArchiveStore;
import org.currents.store.EventSummary;
import org.currents.store.RelatedStore;
import org.currents.store.SiteQueries;

/**
 * The site's pages drawn one at a time, on request, for the web server: the same page paths,
 * views and renderers as {@link SiteBuilder}, so that every page is at the same path, in the
 * same words, as in a built site. Made once per state of the archive (the server makes a new
 * one when the change sequence moves), without planning the whole site (issue 11: a plan of
 * 200,000 events did not fit in 512 MB): each page reads what it shows from the store's indexed
 * queries ({@link SiteQueries}, the related-events index), and keeps only small things for the
 * next page: the page paths of the {@link #DAYS_KEPT} days last asked for (an event's paths
 * depend on its day's events only), the counts per day, every topic's title and slug, and the
 * site-wide pages' addresses once the sitemap was asked for (a month's sitemap reads its month).
 *
 * <p>Thread-safe: what it keeps is behind locks, and days are read outside them.
 */
public final class LiveSite {
    /**
     * One drawn page.
     *
     * @param contentType its media type with charset
     * @param body its text
     */
    public record Page(String contentType, String body) {}

    /** A part of a search snippet: plain text, or a match to highlight. */
    public record Part(String text, boolean match) {}

    /**
     * One search result as the search page shows it.
     *
     * @param text the event's current text
     * @param path its current page's path (no extension), or null when the page is not planned
     * @param day its day
     * @param removed whether it was removed from its day page
     * @param snippet the passage that matched
     */
    public record Result(String text, String path, LocalDate day, boolean removed, List<Part> snippet) {}

    /**
     * The search page.
     *
     * @param query what was typed, or empty
     * @param results this page of results
     * @param error why the query could not be run, or null
     * @param next the link to the next page of results, or null
     */
    public record SearchView(String query, List<Result> results, String error, String next) {}

    private static final TemplateEngine ENGINE =
            TemplateEngine.createPrecompiled(null, ContentType.Html, null, HtmlRenderer.TEMPLATES);

    /** Days whose page paths are kept: a few thousand small maps, whatever the archive's size. */
    static final int DAYS_KEPT = 2048;
    /** Revisions read per step of the walk that finds the newest events. */
    private static final int REVISIONS_PER_STEP = 500;

    /**
     * A topic as the site names it.
     *
     * @param key its context key
     * @param title the title it is shown by
     * @param events how many events have it
     */
    public record Topic(String key, String title, int events) {}

    /**
     * A related event as an event's page and the API show it.
     *
     * @param event the related event, in brief
     * @param shared the titles of the contexts both share, sorted case-insensitively
     * @param path its current page's path, without extension
     */
    public record RelatedEvent(SiteQueries.Brief event, List<String> shared, String path) {}

    private record EventTarget(String id, int version) {}

    /**
     * The page paths of one day's events (they depend on that day's events only): each event's
     * versions' paths, when its current version was saved, and the event each path shows.
     */
    private record DayPaths(
            Map<String, List<String>> paths,
            Map<String, Instant> updated,
            Map<String, EventTarget> targets,
            List<String> order) {
        static DayPaths of(List<Event> events) {
            PageAssignment a = PageAssignment.of(events);
            Map<String, List<String>> paths = new HashMap<>();
            Map<String, Instant> updated = new HashMap<>();
            Map<String, EventTarget> targets = new HashMap<>();
            List<Event> byPosition = new ArrayList<>(events);
            byPosition.sort(Comparator.comparingInt(Event::position).thenComparing(Event::id));
            List<String> order = new ArrayList<>(events.size());
            for (Event e : byPosition) {
                List<String> p = a.paths(e.id());
                paths.put(e.id(), p);
                updated.put(e.id(), e.current().timestamp());
                for (int k = 0; k < p.size(); k++) {
                    targets.put(p.get(k), new EventTarget(e.id(), k));
                }
                order.add(e.id());
            }
            return new DayPaths(paths, updated, targets, order);
        }

        String current(String id) {
            List<String> p = paths.get(id);
            return p == null ? null : p.get(p.size() - 1);
        }
    }

    /** The days with events and their counts: previous/next links, calendars, the home page. */
    private record Calendar(
            TreeSet<LocalDate> days,
            TreeSet<LocalDate> withCurrent,
            TreeMap<YearMonth, List<Views.DayCount>> months,
            TreeMap<Integer, Map<YearMonth, Integer>> years) {
        static Calendar of(List<SiteQueries.DayTally> tallies) {
            TreeSet<LocalDate> days = new TreeSet<>();
            TreeSet<LocalDate> withCurrent = new TreeSet<>();
            TreeMap<YearMonth, List<Views.DayCount>> months = new TreeMap<>();
            for (SiteQueries.DayTally t : tallies) {
                days.add(t.day());
                if (t.current() > 0) {
                    withCurrent.add(t.day());
                }
                months.computeIfAbsent(YearMonth.from(t.day()), m -> new ArrayList<>())
                        .add(new Views.DayCount(t.day(), t.current(), t.removed()));
            }
            TreeMap<Integer, Map<YearMonth, Integer>> years = new TreeMap<>();
            for (Map.Entry<YearMonth, List<Views.DayCount>> m : months.entrySet()) {
                int n = m.getValue().stream().mapToInt(Views.DayCount::events).sum();
                years.computeIfAbsent(m.getKey().getYear(), y -> new TreeMap<>())
                        .put(m.getKey(), n);
            }
            return new Calendar(days, withCurrent, months, years);
        }
    }

    private final Views.Site site;
    private final HtmlRenderer html = new HtmlRenderer();
    private final Renderer markdown = new MarkdownRenderer();
    private final AtomRenderer atom = new AtomRenderer();
    private final Map<String, Supplier<String>> fixedPages = new HashMap<>();
    /** Page paths of recently asked-for days, least recently used first. */
    private final Map<LocalDate, DayPaths> dayPaths =
            Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<LocalDate, DayPaths> eldest) {
                    return size() > DAYS_KEPT;
                }
            });

    private Calendar calendar; // guarded by this
    private TopicNames topics; // guarded by this
    private Boolean indexed; // guarded by this
    private Relations unindexed; // guarded by this: only for an archive whose related index is not current
    private List<String> siteSitemap; // guarded by this: the site-wide pages' addresses

    private LiveSite(Views.Site site) {
        this.site = site;
        new SitePages(null, null, site, (extension, path, draw) -> {
                    fixedPages.put(path + "." + extension, draw);
                    return true;
                })
                .fixed();
    }

    /**
     * The site of {@code store} as it is now, made at once: it reads nothing until a page is
     * asked for, and then only what that page shows (and a few small site-wide tables: the
     * counts per day, the spellings of contexts), so that a large archive is served in bounded
     * memory. The server makes a new one when the archive's change sequence moves.
     */
    public static LiveSite of(ArchiveStore store, Views.Site site) {
        return new LiveSite(site);
    }

    private synchronized Calendar calendar(ArchiveStore store) {
        if (calendar == null) {
            calendar = Calendar.of(store.dayTallies());
        }
        return calendar;
    }

    private synchronized TopicNames topics(ArchiveStore store) {
        if (topics == null) {
            topics = TopicNames.of(store.contextSpellings());
        }
        return topics;
    }

    private DayPaths day(ArchiveStore store, LocalDate day) {
        DayPaths p = dayPaths.get(day);
        if (p == null) {
            p = DayPaths.of(store.events(day)); // outside the lock: days are read in parallel
            dayPaths.put(day, p);
        }
        return p;
    }

    /**
     * Draws the page at {@code file} (a path from the site root with its extension, such as
     * {@code news/2017/07/9/index.html}), reading what it shows from {@code store}; empty when
     * the site has no such page.
     */
    public Optional<Page> page(ArchiveStore store, String file) {
        int dot = file.lastIndexOf('.');
        if (dot <= 0 || file.lastIndexOf('/') > dot) {
            return Optional.empty();
        }
        String extension = file.substring(dot + 1);
        Supplier<String> fixed = fixedPages.get(file);
        if (fixed != null) {
            return Optional.of(new Page(contentType(extension), fixed.get()));
        }
        String path = file.substring(0, dot);
        String body =
                switch (extension) {
                    case "html", "md" -> news(store, path, extension.equals("html") ? html : markdown);
                    case "atom" -> feed(store, path);
                    case "xml" -> sitemap(store, path);
                    default -> null;
                };
        if (body == null && extension.equals("html")) {
            body = sitePage(store, path);
        }
        return body == null ? Optional.empty() : Optional.of(new Page(contentType(extension), body));
    }

    /** A day's page, an event's page, a year or a month, in {@code r}'s format; null when none. */
    private String news(ArchiveStore store, String path, Renderer r) {
        String[] parts = path.split("/", -1);
        if (!parts[0].equals("news") || parts.length < 3 || parts.length > 5) {
            return null;
        }
        try {
            int year = Integer.parseInt(parts[1]);
            if (!parts[1].equals(Integer.toString(year))) {
                return null;
            }
            if (parts.length == 3) {
                return r == html && parts[2].equals("index") ? yearPage(store, year) : null;
            }
            YearMonth month = YearMonth.of(year, Integer.parseInt(parts[2]));
            if (parts.length == 4) {
                return r == html
                                && parts[3].equals("index")
                                && Paths.monthPage(month).equals(path)
                        ? monthPage(store, month)
                        : null;
            }
            LocalDate day = month.atDay(Integer.parseInt(parts[3]));
            if (!path.startsWith(Paths.dayDir(day) + "/")
                    || !calendar(store).days().contains(day)) {
                return null;
            }
            if (parts[4].equals("index")) {
                return dayPage(store, day, r);
            }
            EventTarget target = day(store, day).targets().get(path);
            if (target == null) {
                return null;
            }
            return store.event(target.id())
                    .map(e -> eventPage(store, e, target.version(), r))
                    .orElse(null);
        } catch (NumberFormatException | java.time.DateTimeException e) {
            return null; // not a path of the site
        }
    }

    private String eventPage(ArchiveStore store, Event e, int k, Renderer r) {
        List<String> paths = day(store, e.day()).paths().get(e.id());
        if (paths == null || paths.size() != e.versions().size()) {
            // the archive moved on since the day was read: the server starts again at its next check
            k = Math.min(k, e.versions().size() - 1);
            paths = PageAssignment.of(List.of(e)).paths(e.id());
        }
        SourceMeta first = null;
        if (!e.current().sources().isEmpty()) {
            String url = e.current().sources().get(0).url();
            first = store.sourceMeta(List.of(url)).get(url);
        }
        TopicNames names = topics(store);
        Map<String, String> topicPaths = new HashMap<>();
        e.contexts().forEach(c -> topicPaths.put(c.key(), names.paths().get(c.key())));
        List<Views.RelatedLink> related = new ArrayList<>();
        for (RelatedEvent x : related(store, e)) {
            related.add(new Views.RelatedLink(x.event().text(), x.path(), x.shared()));
        }
        Views.EventPage view = new Views.EventPage(e, k, paths, related, first, topicPaths);
        return r.eventPage(view, site);
    }

    private String dayPage(ArchiveStore store, LocalDate day, Renderer r) {
        List<Event> events = store.events(day);
        DayPaths paths = DayPaths.of(events);
        dayPaths.put(day, paths);
        Map<String, String> current = new HashMap<>();
        for (Event e : events) {
            current.put(e.id(), paths.current(e.id()));
        }
        Calendar c = calendar(store);
        return r.dayPage(
                new Views.DayPage(
                        day, c.withCurrent().lower(day), c.withCurrent().higher(day), events, current),
                site);
    }

    private String yearPage(ArchiveStore store, int year) {
        TreeMap<Integer, Map<YearMonth, Integer>> years = calendar(store).years();
        Map<YearMonth, Integer> months = years.get(year);
        if (months == null) {
            return null;
        }
        Integer previous = years.lowerKey(year);
        Integer next = years.higherKey(year);
        return html.yearPage(
                new Views.YearPage(year, months, previous == null ? 0 : previous, next == null ? 0 : next), site);
    }

    private String monthPage(ArchiveStore store, YearMonth month) {
        TreeMap<YearMonth, List<Views.DayCount>> months = calendar(store).months();
        List<Views.DayCount> days = months.get(month);
        if (days == null) {
            return null;
        }
        return html.monthPage(new Views.MonthPage(month, days, months.lowerKey(month), months.higherKey(month)), site);
    }

    /** The home page, the topic index and the topics' pages; null for any other path. */
    private String sitePage(ArchiveStore store, String path) {
        if (path.equals("index")) {
            return homePage(store);
        }
        if (path.equals("topics/index")) {
            TopicNames names = topics(store);
            List<Views.TopicEntry> all = new ArrayList<>(names.all().size());
            names.all().forEach(t -> all.add(entry(names, t)));
            return html.topicIndex(new Views.TopicIndex(all), site);
        }
        if (!path.startsWith("topics/")) {
            return null;
        }
        String rest = path.substring("topics/".length());
        TopicNames names = topics(store);
        String key = names.keysBySlug().get(rest);
        int page = 1;
        if (key == null) {
            int slash = rest.lastIndexOf('/');
            if (slash < 0) {
                return null;
            }
            key = names.keysBySlug().get(rest.substring(0, slash));
            String number = rest.substring(slash + 1);
            try {
                page = Integer.parseInt(number);
            } catch (NumberFormatException e) {
                return null;
            }
            if (key == null || page < 2 || !number.equals(Integer.toString(page))) {
                return null;
            }
        }
        return topicPage(store, names, names.byKey().get(key), page);
    }

    private Views.TopicEntry entry(TopicNames names, Topic t) {
        return new Views.TopicEntry(t.key(), t.title(), names.paths().get(t.key()), t.events());
    }

    private Views.EventItem item(ArchiveStore store, SiteQueries.Brief e) {
        DayPaths d = day(store, e.day());
        String path = d.current(e.id());
        Instant updated = d.updated().get(e.id());
        return new Views.EventItem(
                e.id(),
                e.day(),
                e.text(),
                path,
                updated == null ? Instant.EPOCH : updated,
                e.status() != EventStatus.CURRENT);
    }

    private String homePage(ArchiveStore store) {
        Calendar c = calendar(store);
        List<Views.DayEvents> days = new ArrayList<>();
        for (LocalDate d : c.withCurrent().descendingSet()) {
            if (days.size() == SitePages.HOME_DAYS) {
                break;
            }
            DayPaths paths = day(store, d);
            Map<String, SiteQueries.Brief> briefs = store.briefs(paths.order());
            List<Views.EventItem> items = new ArrayList<>();
            for (String id : paths.order()) {
                SiteQueries.Brief b = briefs.get(id);
                if (b != null && b.status() == EventStatus.CURRENT) {
                    items.add(item(store, b));
                }
            }
            days.add(new Views.DayEvents(d, items));
        }
        List<Integer> years = new ArrayList<>(c.years().descendingKeySet());
        return html.homePage(new Views.HomePage(days, years), site);
    }

    private String topicPage(ArchiveStore store, TopicNames names, Topic t, int page) {
        int pages = Math.max(1, (t.events() + SitePages.TOPIC_PAGE - 1) / SitePages.TOPIC_PAGE);
        if (page > pages) {
            return null;
        }
        Views.TopicEntry entry = entry(names, t);
        List<String> pagePaths = new ArrayList<>(pages);
        for (int p = 1; p <= pages; p++) {
            pagePaths.add(p == 1 ? entry.path() : entry.path() + "/" + p);
        }
        Map<YearMonth, Integer> timeline = new TreeMap<>();
        store.contextDays(t.key()).forEach((d, n) -> timeline.merge(YearMonth.from(d), n, Integer::sum));
        List<Topic> co = new ArrayList<>();
        store.coContexts(t.key()).forEach((k, n) -> co.add(new Topic(k, names.title(k), n)));
        co.sort(Comparator.comparingInt(Topic::events)
                .reversed()
                .thenComparing(Topic::title, String.CASE_INSENSITIVE_ORDER)
                .thenComparing(Topic::key));
        List<Views.TopicEntry> with = new ArrayList<>();
        for (Topic c : co.subList(0, Math.min(Relations.CO_OCCURRING, co.size()))) {
            with.add(new Views.TopicEntry(c.key(), c.title(), names.paths().get(c.key()), c.events()));
        }
        List<Views.MonthEvents> months = new ArrayList<>();
        for (SiteQueries.Brief e :
                store.contextEvents(t.key(), (page - 1) * SitePages.TOPIC_PAGE, SitePages.TOPIC_PAGE)) {
            YearMonth m = YearMonth.from(e.day());
            if (months.isEmpty() || !months.get(months.size() - 1).month().equals(m)) {
                months.add(new Views.MonthEvents(m, new ArrayList<>()));
            }
            months.get(months.size() - 1).events().add(item(store, e));
        }
        String feed = "/feeds/" + entry.path() + ".atom";
        return html.topicPage(new Views.TopicPage(entry, page, pages, pagePaths, feed, months, timeline, with), site);
    }

    /** The latest feed or a topic's; null for any other path. */
    private String feed(ArchiveStore store, String path) {
        if (path.equals("feeds/latest")) {
            return atom.feed(
                    new Views.Feed(
                            AtomRenderer.TAG + "latest",
                            "currents: latest events",
                            path + ".atom",
                            "index",
                            newest(store, latestTouched(store))),
                    site);
        }
        if (!path.startsWith("feeds/topics/")) {
            return null;
        }
        TopicNames names = topics(store);
        String key = names.keysBySlug().get(path.substring("feeds/topics/".length()));
        if (key == null) {
            return null;
        }
        Topic t = names.byKey().get(key);
        List<SiteQueries.Touched> touched = new ArrayList<>(store.contextTouched(key));
        touched.sort(Comparator.comparing(SiteQueries.Touched::newest).reversed());
        return atom.feed(
                new Views.Feed(
                        AtomRenderer.TAG + "topic/" + SitePages.tagPart(key),
                        "currents: " + t.title(),
                        path + ".atom",
                        names.paths().get(key),
                        newest(store, touched.iterator())),
                site);
    }

    /** Every event by its newest version, newest first, read a step of revisions at a time. */
    private static Iterator<SiteQueries.Touched> latestTouched(ArchiveStore store) {
        return new Iterator<>() {
            private SiteQueries.Touches step = store.touchedBefore(null, 0, REVISIONS_PER_STEP);
            private int next;

            @Override
            public boolean hasNext() {
                while (next == step.events().size() && step.more()) {
                    step = store.touchedBefore(step.lastTime(), step.lastRevision(), REVISIONS_PER_STEP);
                    next = 0;
                }
                return next < step.events().size();
            }

            @Override
            public SiteQueries.Touched next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                return step.events().get(next++);
            }
        };
    }

    /**
     * The {@link SitePages#FEED_ENTRIES} events whose current versions are newest (ties by id),
     * as a feed lists them, from {@code touched}: events in the order of their newest version,
     * newest first. An event's current version is never newer than its newest version, so the
     * walk stops once that many events are newer than the newest version of every event not yet
     * seen; only the days of the events seen are read.
     */
    private List<Views.EventItem> newest(ArchiveStore store, Iterator<SiteQueries.Touched> touched) {
        Map<String, Instant> updated = new HashMap<>();
        Map<String, LocalDate> days = new HashMap<>();
        PriorityQueue<Instant> top = new PriorityQueue<>();
        while (touched.hasNext()) {
            SiteQueries.Touched t = touched.next();
            if (top.size() == SitePages.FEED_ENTRIES && top.peek().isAfter(t.newest())) {
                break;
            }
            if (days.containsKey(t.id())) {
                continue;
            }
            days.put(t.id(), t.day());
            Instant at = day(store, t.day()).updated().get(t.id());
            if (at == null) {
                continue; // no version of it counts: no part of the site
            }
            updated.put(t.id(), at);
            top.add(at);
            if (top.size() > SitePages.FEED_ENTRIES) {
                top.poll();
            }
        }
        List<String> ids = new ArrayList<>(updated.keySet());
        ids.sort(Comparator.comparing((String id) -> updated.get(id)).reversed().thenComparing(id -> id));
        ids = ids.subList(0, Math.min(SitePages.FEED_ENTRIES, ids.size()));
        Map<String, SiteQueries.Brief> briefs = store.briefs(ids);
        List<Views.EventItem> items = new ArrayList<>(ids.size());
        for (String id : ids) {
            SiteQueries.Brief b = briefs.get(id);
            if (b != null) {
                items.add(item(store, b));
            }
        }
        return items;
    }

    /**
     * A sitemap's text ({@link Sitemap}), or null when the site has none at {@code path} (no
     * extension). The index needs only the counts per day and the topics; a month's sitemap
     * reads that month's days alone; the site-wide pages' sitemap (topics) is kept once made.
     */
    private String sitemap(ArchiveStore store, String path) {
        if (path.equals(Sitemap.INDEX)) {
            TreeMap<YearMonth, Integer> counts = new TreeMap<>();
            calendar(store).months().forEach((m, days) -> {
                int n = days.size();
                for (Views.DayCount d : days) {
                    n += d.events() + d.removed();
                }
                counts.put(m, n);
            });
            return Sitemap.index(site, Sitemap.all(siteSitemapSize(store), counts));
        }
        Sitemap.Named named = Sitemap.parse(path);
        if (named == null) {
            return null;
        }
        List<String> urls;
        if (named.month() == null) {
            // drawn once per change of the archive: the server's page cache keeps the response
            // (2.7 MB on the 201k-event archive, within its largest entry)
            urls = siteSitemap(store);
            if (named.part() > Sitemap.parts(urls.size())) {
                return null;
            }
            return Sitemap.urlset(Sitemap.part(urls, named.part()));
        } else {
            List<Views.DayCount> days = calendar(store).months().get(named.month());
            if (days == null) {
                return null;
            }
            urls = new ArrayList<>();
            List<DayPaths> paths = new ArrayList<>(days.size());
            for (Views.DayCount d : days) {
                urls.add(site.absolute("/" + Paths.dayPage(d.day()) + ".html"));
                paths.add(day(store, d.day()));
            }
            for (DayPaths p : paths) {
                for (String id : p.order()) {
                    urls.add(site.absolute("/" + p.current(id) + ".html"));
                }
            }
        }
        return named.part() > Sitemap.parts(urls.size()) ? null : Sitemap.urlset(Sitemap.part(urls, named.part()));
    }

    /**
     * How many addresses the site-wide pages' sitemap holds, or a smaller count of as many
     * parts: topics are read (a few seconds on a large archive) only when a bound from the
     * contexts alone does not show that they fit in one part.
     */
    private int siteSitemapSize(ArchiveStore store) {
        synchronized (this) {
            if (siteSitemap != null) {
                return siteSitemap.size();
            }
        }
        Calendar c = calendar(store);
        long atMost = 2L + c.months().size() + c.years().size() + store.contextPagesAtMost(SitePages.TOPIC_PAGE);
        return atMost <= Sitemap.limit ? 1 : siteSitemap(store).size();
    }

    /**
     * The addresses of the site-wide pages, as the build lists them: home, months, years, topic
     * index, every topic's pages. Made once for this state of the archive.
     */
    private synchronized List<String> siteSitemap(ArchiveStore store) {
        if (siteSitemap != null) {
            return siteSitemap;
        }
        Calendar c = calendar(store);
        List<String> urls = new ArrayList<>();
        urls.add(site.absolute("/index.html"));
        c.months().keySet().forEach(m -> urls.add(site.absolute("/" + Paths.monthPage(m) + ".html")));
        c.years().keySet().forEach(y -> urls.add(site.absolute("/" + Paths.yearPage(y) + ".html")));
        TopicNames names = topics(store);
        urls.add(site.absolute("/topics/index.html"));
        for (Topic t : names.all()) {
            String path = names.paths().get(t.key());
            int pages = Math.max(1, (t.events() + SitePages.TOPIC_PAGE - 1) / SitePages.TOPIC_PAGE);
            for (int p = 1; p <= pages; p++) {
                urls.add(site.absolute("/" + (p == 1 ? path : path + "/" + p) + ".html"));
            }
        }
        siteSitemap = List.copyOf(urls);
        return siteSitemap;
    }

    /**
     * The events related to {@code e}, best first: the store's related-events index, with the
     * related events' texts, shared contexts and current paths read for them alone. An archive
     * whose index is not current (no writer of this version has touched it) is related in
     * memory once instead.
     */
    public List<RelatedEvent> related(ArchiveStore store, Event e) {
        Relations inMemory = unindexed(store);
        List<RelatedEvent> out = new ArrayList<>();
        if (inMemory != null) {
            for (Relations.Related r : inMemory.relatedTo(e.id())) {
                EventSummary s = r.event();
                out.add(new RelatedEvent(
                        new SiteQueries.Brief(s.id(), s.day(), s.position(), s.status(), s.text()),
                        r.shared(),
                        day(store, s.day()).current(s.id())));
            }
            return out;
        }
        List<RelatedStore.Listed> listed = store.relatedLists(List.of(e.id())).getOrDefault(e.id(), List.of());
        if (listed.isEmpty()) {
            return out;
        }
        List<String> ids = new ArrayList<>();
        listed.forEach(l -> ids.add(l.id()));
        Map<String, SiteQueries.Brief> briefs = store.briefs(ids);
        Map<String, List<String>> keys = store.contextKeys(ids);
        TopicNames names = topics(store);
        for (RelatedStore.Listed l : listed) {
            SiteQueries.Brief other = briefs.get(l.id());
            if (other == null) {
                continue;
            }
            List<String> mine = new ArrayList<>();
            e.contexts().forEach(c -> mine.add(c.key()));
            List<String> shared = Relations.sharedTitles(mine, keys.getOrDefault(l.id(), List.of()), names::title);
            out.add(new RelatedEvent(other, shared, day(store, other.day()).current(other.id())));
        }
        return out;
    }

    private synchronized Relations unindexed(ArchiveStore store) {
        if (indexed == null) {
            indexed = ContextIndexer.relatedIndexed(store);
        }
        if (indexed) {
            return null;
        }
        if (unindexed == null) {
            unindexed = Relations.of(store);
        }
        return unindexed;
    }

    /** Every topic, A–Z by title (case-insensitive), then by key. */
    public List<Topic> allTopics(ArchiveStore store) {
        return topics(store).all();
    }

    /** Topic {@code key}, or null when no event has it. */
    public Topic topic(ArchiveStore store, String key) {
        return topics(store).byKey().get(key);
    }

    /** Events {@code offset} to {@code offset + limit} of topic {@code key}, as its pages order them. */
    public List<SiteQueries.Brief> topicEvents(ArchiveStore store, String key, int offset, int limit) {
        return store.contextEvents(key, offset, limit);
    }

    /**
     * The path (no extension) of the current page of event {@code id} of {@code day}, or null
     * when that day has no such page.
     */
    public String eventPath(ArchiveStore store, String id, LocalDate day) {
        return day(store, day).current(id);
    }

    /** The slug of topic {@code key} ({@code topics/<slug>} is its page), or null. */
    public String topicSlug(ArchiveStore store, String key) {
        String path = topics(store).paths().get(key);
        return path == null ? null : path.substring(path.indexOf('/') + 1);
    }

    /** The key of the topic whose slug is {@code slug}, or null. */
    public String topicKey(ArchiveStore store, String slug) {
        return topics(store).keysBySlug().get(slug);
    }

    /** The page for a path the site lacks. */
    public String notFoundPage() {
        return html.notFoundPage(site);
    }

    /** The search page. */
    public String searchPage(SearchView view) {
        StringOutput out = new CleanOutput(8192);
        ENGINE.render("search.jte", Map.of("h", new HtmlContext(site), "page", view), out);
        return out.toString();
    }

    /** Splits a snippet whose matches are between {@code start} and {@code end} into parts. */
    public static List<Part> parts(String snippet, char start, char end) {
        List<Part> out = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        boolean match = false;
        for (int i = 0; i < snippet.length(); i++) {
            char c = snippet.charAt(i);
            if (c == start || c == end) {
                if (!text.isEmpty()) {
                    out.add(new Part(text.toString(), match));
                    text.setLength(0);
                }
                match = c == start;
            } else {
                text.append(c);
            }
        }
        if (!text.isEmpty()) {
            out.add(new Part(text.toString(), match));
        }
        return out;
    }

    private static String contentType(String extension) {
        return switch (extension) {
            case "html" -> "text/html; charset=utf-8";
            case "md" -> "text/markdown; charset=utf-8";
            case "atom" -> "application/atom+xml; charset=utf-8";
            case "css" -> "text/css; charset=utf-8";
            case "xml" -> "application/xml; charset=utf-8";
            case "svg" -> "image/svg+xml; charset=utf-8";
            default -> "text/plain; charset=utf-8";
        };
    }
}
