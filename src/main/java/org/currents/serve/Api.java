package org.currents.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.currents.model.Context;
import org.currents.model.Event;
import org.currents.model.EventStatus;
import org.currents.model.EventVersion;
import org.currents.model.Source;
import org.currents.model.SourceMeta;
import org.currents.publish.LiveSite;
import org.currents.store.ArchiveStore;
import org.currents.store.DomainSource;
import org.currents.store.QueryException;
import org.currents.store.SearchHit;
import org.currents.store.SearchPage;
import org.currents.store.SearchQuery;
import org.currents.store.SiteQueries;

/**
 * The JSON API, in the manner of Datasette: one object per response, lists under a plural name,
 * {@code next} (and a {@code Link: rel="next"} header) for the next page, errors as {@code
 * {"error": ...}}. Its document is {@code /api/openapi.json} (resource {@code openapi.json}).
 */
final class Api {
    /** Items per page unless the request says {@code limit}. */
    static final int DEFAULT_LIMIT = 20;

    private static final Pattern DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern ID = Pattern.compile("[0-9a-f]{16}");
    private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");
    static final ObjectMapper JSON = new ObjectMapper();

    private Api() {}

    /** A page of a list and the query string of the next one (null when last). */
    record Paged(Object body, String next) {}

    static byte[] json(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON of " + value.getClass(), e);
        }
    }

    static LocalDate day(String text, String name) {
        if (!DAY.matcher(text).matches()) {
            throw new HttpError(400, name + " must be a day as YYYY-MM-DD: " + text);
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new HttpError(400, name + " is not a day of the calendar: " + text);
        }
    }

    static Paged day(ArchiveStore store, String text) {
        LocalDate day = day(text, "the day");
        List<Event> events = store.events(day);
        if (events.isEmpty()) {
            throw new HttpError(404, "the archive has no events on " + day);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("day", day.toString());
        List<Object> list = new ArrayList<>();
        for (Event e : events) {
            list.add(brief(e));
        }
        out.put("events", list);
        return new Paged(out, null);
    }

    private static Map<String, Object> brief(Event e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("day", e.day().toString());
        m.put("text", e.text());
        m.put("category", e.category());
        m.put("stories", e.stories());
        m.put("position", e.position());
        m.put("status", e.status().label());
        m.put("unsourced", e.unsourced());
        m.put("versions", e.versions().size());
        m.put("url", "/api/events/" + e.id());
        return m;
    }

    static Paged event(ArchiveStore store, LiveArchive archive, String id) {
        if (!ID.matcher(id).matches()) {
            throw new HttpError(404, "no event has the id " + id + " (ids are 16 hex digits)");
        }
        Event e = store.event(id).orElseThrow(() -> new HttpError(404, "no event has the id " + id));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("day", e.day().toString());
        m.put("text", e.text());
        m.put("category", e.category());
        m.put("stories", e.stories());
        m.put("position", e.position());
        m.put("status", e.status().label());
        m.put("removed", e.status() == EventStatus.REMOVED ? removed(e) : null);
        m.put("moved_from", e.movedFrom().stream().map(LocalDate::toString).toList());
        m.put("unsourced", e.unsourced());
        List<Object> versions = new ArrayList<>();
        for (EventVersion v : e.versions()) {
            Map<String, Object> vm = new LinkedHashMap<>();
            vm.put("number", v.number());
            vm.put("revision", v.revisionId());
            vm.put("timestamp", v.timestamp().toString());
            vm.put("editor", v.editor());
            vm.put("comment", v.comment());
            vm.put("text", v.text());
            vm.put("sources", v.sources().stream().map(Api::source).toList());
            versions.add(vm);
        }
        m.put("versions", versions);
        m.put("contexts", e.contexts().stream().map(Api::context).toList());
        LiveSite site = archive.site(store);
        List<Object> related = new ArrayList<>();
        for (LiveSite.RelatedEvent r : site.related(store, e)) {
            Map<String, Object> rm = new LinkedHashMap<>();
            rm.put("id", r.event().id());
            rm.put("day", r.event().day().toString());
            rm.put("text", r.event().text());
            rm.put("shared", r.shared());
            related.add(rm);
        }
        m.put("related", related);
        List<String> urls = e.current().sources().stream().map(Source::url).toList();
        Map<String, SourceMeta> meta = urls.isEmpty() ? Map.of() : store.sourceMeta(urls);
        List<Object> sources = new ArrayList<>();
        for (Source s : e.current().sources()) {
            Map<String, Object> sm = source(s);
            sm.putAll(meta(meta.get(s.url())));
            sources.add(sm);
        }
        m.put("sources", sources);
        String path = site.eventPath(store, e.id(), e.day());
        m.put("page", path == null ? null : "/" + path + ".html");
        return new Paged(m, null);
    }

    private static Map<String, Object> removed(Event e) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("revision", e.removedRevisionId());
        r.put("timestamp", e.removedAt() == null ? null : e.removedAt().toString());
        return r;
    }

    private static Map<String, Object> source(Source s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("url", s.url());
        m.put("outlet", s.outlet());
        return m;
    }

    private static Map<String, Object> context(Context c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", c.key());
        m.put("title", c.title());
        return m;
    }

    private static Map<String, Object> meta(SourceMeta meta) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("title", meta == null ? null : meta.title());
        m.put("description", meta == null ? null : meta.description());
        m.put("image", meta == null ? null : meta.image());
        m.put("site_name", meta == null ? null : meta.siteName());
        m.put("outcome", meta == null ? null : meta.outcome());
        return m;
    }

    static Paged topics(ArchiveStore store, LiveArchive archive, Map<String, Deque<String>> params) {
        int limit = limit(params);
        int offset = offset(params);
        LiveSite site = archive.site(store);
        List<LiveSite.Topic> all = site.allTopics(store);
        List<Object> list = new ArrayList<>();
        for (LiveSite.Topic t : all.subList(Math.min(offset, all.size()), Math.min(all.size(), offset + limit))) {
            list.add(topic(store, site, t.key(), t.title(), t.events()));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("topics", list);
        String next = offset + limit < all.size() ? "cursor=" + cursor(offset + limit) + "&limit=" + limit : null;
        out.put("next", next == null ? null : "/api/topics?" + next);
        return new Paged(out, next == null ? null : "/api/topics?" + next);
    }

    private static Map<String, Object> topic(ArchiveStore store, LiveSite site, String key, String title, int events) {
        String slug = site.topicSlug(store, key);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", key);
        m.put("title", title);
        m.put("slug", slug);
        m.put("events", events);
        m.put("url", "/api/topics/" + slug);
        m.put("page", "/topics/" + slug + ".html");
        return m;
    }

    static Paged topic(ArchiveStore store, LiveArchive archive, String slug, Map<String, Deque<String>> params) {
        int limit = limit(params);
        int offset = offset(params);
        LiveSite site = archive.site(store);
        String key = site.topicKey(store, slug);
        if (key == null) {
            throw new HttpError(404, "no topic has the slug " + slug);
        }
        LiveSite.Topic t = site.topic(store, key);
        int count = t.events();
        Map<String, Object> out = topic(store, site, key, t.title(), count);
        List<Object> events = new ArrayList<>();
        int from = Math.min(offset, count);
        for (SiteQueries.Brief e : site.topicEvents(store, key, from, Math.min(count, offset + limit) - from)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", e.id());
            m.put("day", e.day().toString());
            m.put("text", e.text());
            m.put("status", e.status().label());
            m.put("url", "/api/events/" + e.id());
            events.add(m);
        }
        out.put("events", events);
        String base = "/api/topics/" + encode(slug) + "?";
        String next = offset + limit < count ? base + "cursor=" + cursor(offset + limit) + "&limit=" + limit : null;
        out.put("next", next);
        return new Paged(out, next);
    }

    static Paged sources(ArchiveStore store, Map<String, Deque<String>> params) {
        String domain = param(params, "domain");
        if (domain == null || domain.isBlank()) {
            throw new HttpError(400, "give the domain: /api/sources?domain=example.org");
        }
        domain = domain.strip().toLowerCase(java.util.Locale.ROOT);
        if (domain.startsWith("www.")) {
            domain = domain.substring(4);
        }
        int limit = limit(params);
        String cursor = param(params, "cursor");
        String after = cursor == null ? null : decode(cursor);
        List<DomainSource> found = store.sourcesOf(domain, after, limit + 1);
        List<Object> list = new ArrayList<>();
        for (DomainSource d : found.subList(0, Math.min(limit, found.size()))) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("url", d.url());
            m.put("domain", d.domain());
            m.put("events", d.events());
            m.putAll(meta(d.meta()));
            list.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("domain", domain);
        out.put("sources", list);
        String next = found.size() > limit
                ? "/api/sources?domain=" + encode(domain) + "&cursor="
                        + encodeCursor(found.get(limit - 1).url()) + "&limit=" + limit
                : null;
        out.put("next", next);
        return new Paged(out, next);
    }

    /**
     * The search its parameters ask for. {@code topic} is a topic's slug as the site spells it
     * ({@code /topics/<slug>.html}), or a context key as {@code /api/events/{id}} lists them:
     * {@code topicKey} says which key a slug is (null when no topic has that slug).
     */
    static SearchQuery query(Map<String, Deque<String>> params, java.util.function.UnaryOperator<String> topicKey) {
        String q = param(params, "q");
        if (q == null) {
            throw new HttpError(400, "give a query: /api/search?q=words");
        }
        String from = param(params, "from");
        String to = param(params, "to");
        String status = param(params, "status");
        EventStatus st = null;
        if (status != null && !status.isEmpty()) {
            st = switch (status) {
                case "current" -> EventStatus.CURRENT;
                case "removed" -> EventStatus.REMOVED;
                default -> throw new HttpError(400, "status must be current or removed: " + status);
            };
        }
        String topic = blankToNull(param(params, "topic"));
        if (topic != null && SLUG.matcher(topic).matches()) {
            // spelt as a slug: the site's topic names say whose (a context key, with its capital
            // letter or spaces, never needs them, though they are one query of the spellings)
            String key = topicKey.apply(topic);
            topic = key != null ? key : topic;
        }
        long[] cursor = searchCursor(params);
        try {
            return new SearchQuery(
                    q,
                    from == null || from.isEmpty() ? null : day(from, "from"),
                    to == null || to.isEmpty() ? null : day(to, "to"),
                    blankToNull(param(params, "category")),
                    topic,
                    blankToNull(param(params, "domain")),
                    st,
                    (int) cursor[0],
                    limit(params),
                    cursor[1]);
        } catch (QueryException e) {
            throw new HttpError(400, e.getMessage());
        }
    }

    /**
     * A search cursor: the offset into the ranking and the ceiling of the first page (newer rows
     * are left out, so that every page slices one ranking), as {@code offset.ceiling}.
     */
    private static long[] searchCursor(Map<String, Deque<String>> params) {
        String c = param(params, "cursor");
        if (c == null) {
            return new long[] {0, 0};
        }
        String d = decode(c);
        int dot = d.indexOf('.');
        try {
            int offset = Integer.parseInt(dot < 0 ? d : d.substring(0, dot));
            long ceiling = dot < 0 ? 0 : Long.parseLong(d.substring(dot + 1));
            if (offset >= 0 && offset <= SearchQuery.MAX_OFFSET && ceiling >= 0) {
                return new long[] {offset, ceiling};
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new HttpError(400, "the cursor is not one this server gave: " + c);
    }

    static SearchPage run(ArchiveStore store, SearchQuery q) {
        try {
            return store.search(q);
        } catch (QueryException e) {
            throw new HttpError(400, e.getMessage());
        }
    }

    static Paged search(ArchiveStore store, LiveArchive archive, Map<String, Deque<String>> params, String rawQuery) {
        SearchQuery q = query(params, slug -> archive.site(store).topicKey(store, slug));
        SearchPage page = run(store, q);
        List<Object> results = new ArrayList<>();
        for (SearchHit h : page.hits()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", h.id());
            m.put("day", h.day().toString());
            m.put("text", h.text());
            m.put("category", h.category());
            m.put("status", h.status().label());
            m.put("snippet", snippetHtml(h.snippet()));
            m.put("score", h.score());
            m.put("url", "/api/events/" + h.id());
            results.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("query", q.text());
        out.put("results", results);
        String next =
                page.more() ? "/api/search?" + withCursor(rawQuery, q.offset() + q.limit(), page.ceiling()) : null;
        out.put("next", next);
        out.put("bounded", page.bounded());
        return new Paged(out, next);
    }

    /** The query string {@code raw} with its cursor replaced by one for {@code offset} below {@code ceiling}. */
    static String withCursor(String raw, int offset, long ceiling) {
        StringBuilder out = new StringBuilder();
        if (raw != null) {
            for (String p : raw.split("&")) {
                if (!p.isEmpty() && !p.startsWith("cursor=")) {
                    out.append(out.isEmpty() ? "" : "&").append(p);
                }
            }
        }
        return out.append(out.isEmpty() ? "" : "&")
                .append("cursor=")
                .append(encodeCursor(offset + "." + ceiling))
                .toString();
    }

    /** A snippet as HTML: its text escaped, its matches in {@code <mark>}. */
    static String snippetHtml(String snippet) {
        StringBuilder out = new StringBuilder();
        for (LiveSite.Part p : LiveSite.parts(snippet, SearchHit.MARK_START, SearchHit.MARK_END)) {
            String text = escape(p.text());
            out.append(p.match() ? "<mark>" + text + "</mark>" : text);
        }
        return out.toString();
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    static String param(Map<String, Deque<String>> params, String name) {
        Deque<String> d = params.get(name);
        return d == null || d.isEmpty() ? null : d.getFirst();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    static int limit(Map<String, Deque<String>> params) {
        String l = param(params, "limit");
        if (l == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int n = Integer.parseInt(l);
            if (n >= 1 && n <= SearchQuery.MAX_LIMIT) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new HttpError(400, "limit must be a number from 1 to " + SearchQuery.MAX_LIMIT + ": " + l);
    }

    static int offset(Map<String, Deque<String>> params) {
        String c = param(params, "cursor");
        if (c == null) {
            return 0;
        }
        String d = decode(c);
        try {
            int n = Integer.parseInt(d);
            if (n >= 0 && n <= SearchQuery.MAX_OFFSET) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new HttpError(400, "the cursor is not one this server gave: " + c);
    }

    private static String cursor(int offset) {
        return encodeCursor(Integer.toString(offset));
    }

    private static String encodeCursor(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String cursor) {
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new HttpError(400, "the cursor is not one this server gave: " + cursor);
        }
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
