package org.currents.publish;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.currents.model.Event;
import org.currents.model.SourceMeta;
import org.currents.relate.Relations;
import org.currents.store.ArchiveStore;

/**
 * The site's pages drawn one at a time, on request, for the web server: the same page plan,
 * views and renderers as {@link SiteBuilder}, so that every page is at the same path, in the
 * same words, as in a built site. Made once per state of the archive (the server makes a new
 * one when the change sequence moves); day and event pages are read from the store when asked
 * for, site-wide pages (home, calendars, topics, feeds, sitemap) are planned once and drawn
 * when asked for.
 *
 * <p>Thread-safe once made: its maps are not changed after {@link #of}.
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

    private record EventTarget(String id, int version) {}

    private final Relations relations;
    private final PagePlan plan;
    private final Views.Site site;
    private final Renderer html = new HtmlRenderer();
    private final Renderer markdown = new MarkdownRenderer();
    private final Map<String, Supplier<String>> sitePages = new HashMap<>();
    private final Map<String, EventTarget> eventPages = new HashMap<>();
    private final Map<String, LocalDate> dayPages = new HashMap<>();
    private final Map<String, String> topicsBySlug = new HashMap<>();

    private LiveSite(ArchiveStore store, Views.Site site) {
        this.site = site;
        this.relations = Relations.of(store);
        this.plan =
                PagePlan.of(relations, new BuildState(), null, store::events, pages -> false, new BuildState(), null);
        plan.paths.forEach((id, paths) -> {
            for (int k = 0; k < paths.size(); k++) {
                eventPages.put(paths.get(k), new EventTarget(id, k));
            }
        });
        for (LocalDate day : plan.days) {
            dayPages.put(Paths.dayPage(day), day);
        }
        plan.topics.forEach((key, path) -> topicsBySlug.put(path.substring(path.indexOf('/') + 1), key));
        new SitePages(store, relations, plan, site, (extension, path, draw) -> {
                    sitePages.put(path + "." + extension, draw);
                    return true;
                })
                .render();
    }

    /**
     * Plans the site of {@code store} as it is now: reads the archive in brief (summaries,
     * relations, the page paths of every day), not every page.
     */
    public static LiveSite of(ArchiveStore store, Views.Site site) {
        return new LiveSite(store, site);
    }

    /** The archive in brief that this site was planned from. */
    public Relations relations() {
        return relations;
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
        Supplier<String> planned = sitePages.get(file);
        if (planned != null) {
            return Optional.of(new Page(contentType(extension), planned.get()));
        }
        Renderer r = extension.equals("html") ? html : extension.equals("md") ? markdown : null;
        if (r == null) {
            return Optional.empty();
        }
        String path = file.substring(0, dot);
        EventTarget target = eventPages.get(path);
        if (target != null) {
            return store.event(target.id).map(e -> eventPage(store, e, target.version, r));
        }
        LocalDate day = dayPages.get(path);
        if (day != null) {
            return Optional.of(dayPage(store.events(day), day, r));
        }
        return Optional.empty();
    }

    private Page eventPage(ArchiveStore store, Event e, int k, Renderer r) {
        List<String> paths = plan.paths.get(e.id());
        if (paths.size() != e.versions().size()) {
            // the archive moved on since this plan: the server plans again at its next check
            k = Math.min(k, e.versions().size() - 1);
            paths = PageAssignment.of(List.of(e)).paths(e.id());
        }
        SourceMeta first = null;
        if (!e.current().sources().isEmpty()) {
            String url = e.current().sources().get(0).url();
            first = store.sourceMeta(List.of(url)).get(url);
        }
        Map<String, String> topics = new HashMap<>();
        e.contexts().forEach(c -> topics.put(c.key(), plan.topics.get(c.key())));
        List<Views.RelatedLink> related = plan.related.getOrDefault(e.id(), List.of());
        Views.EventPage view = new Views.EventPage(e, k, paths, related, first, topics);
        return new Page(contentType(r.extension()), r.eventPage(view, site));
    }

    private Page dayPage(List<Event> events, LocalDate day, Renderer r) {
        Map<String, String> current = new HashMap<>();
        for (Event e : events) {
            List<String> p = plan.paths.get(e.id());
            current.put(
                    e.id(),
                    p != null
                            ? p.get(p.size() - 1)
                            : PageAssignment.of(List.of(e)).paths(e.id()).get(0));
        }
        LocalDate[] n = plan.neighbourDays(day);
        return new Page(
                contentType(r.extension()), r.dayPage(new Views.DayPage(day, n[0], n[1], events, current), site));
    }

    /** The path (no extension) of event {@code id}'s current page, or null when it is not planned. */
    public String eventPath(String id) {
        return plan.paths.containsKey(id) ? plan.current(id) : null;
    }

    /** The slug of topic {@code key} ({@code topics/<slug>} is its page), or null. */
    public String topicSlug(String key) {
        String path = plan.topics.get(key);
        return path == null ? null : path.substring(path.indexOf('/') + 1);
    }

    /** The key of the topic whose slug is {@code slug}, or null. */
    public String topicKey(String slug) {
        return topicsBySlug.get(slug);
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
