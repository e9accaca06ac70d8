package org.currents.publish;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.currents.model.Event;
import org.currents.model.EventStatus;
import org.currents.relate.Relations;
import org.currents.store.EventSummary;

/**
 * Which pages the site has, where they live, and which must be drawn again: computed once per
 * build, the same for every format. Paths are without extension; a renderer adds its own.
 *
 * <p>A day is <em>dirty</em> (its day page and every event page drawn again) when one of its
 * events changed, moved in or out, or its neighbouring days changed. An event on a clean day is
 * drawn again only when what its page shows from elsewhere changed (its Related list, the topic
 * pages it links to) or one of its pages is missing.
 *
 * <p>This is the plan of the whole site, made from every event in brief: for a first build, a
 * large change or {@code build --full}. A small change is planned from the change alone
 * ({@link ChangePlan}), into the same fields, with the same pages as the outcome.
 */
final class PagePlan {
    /** Every day with events, ascending. */
    final TreeSet<LocalDate> days = new TreeSet<>();
    /** Days with current events: the previous/next links. */
    final TreeSet<LocalDate> withCurrent = new TreeSet<>();
    /** Days to draw whole. */
    final Set<LocalDate> dirty = new HashSet<>();
    /** Events to draw. */
    final Set<String> render = new HashSet<>();
    /** Page paths of each event's versions, oldest first. */
    final Map<String, List<String>> paths = new HashMap<>();
    /** Each event's related events as its pages show them. */
    final Map<String, List<Views.RelatedLink>> related = new HashMap<>();
    /** The topic page of every context, by key. */
    final Map<String, String> topics;
    /**
     * Context keys whose topic pages may show something new (the contexts of changed events and
     * of events on dirty days whose path or time changed), or null when every topic must be
     * looked at. A topic not among them keeps its pages when it has as many events as before.
     */
    Set<String> touchedTopics;
    /** When each event's current version was saved, as far as known before drawing. */
    final Map<String, Instant> updated = new java.util.concurrent.ConcurrentHashMap<>();

    /** A plan of no day yet, whose topics are at {@code topics} (by context key). */
    PagePlan(Map<String, String> topics) {
        this.topics = topics;
    }

    /**
     * Plans a build.
     *
     * @param relations the archive's relations
     * @param before what the last build did (empty for a full build)
     * @param changed ids of events changed since the last build, or null for a full build
     * @param eventsOf reads a day's events (to assign the paths of dirty days)
     * @param exists whether every page of a path list was written by the last build and is there
     * @param state receives what this build knows of each event
     * @param hints what the store's related-events index says changed, or null
     */
    static PagePlan of(
            Relations relations,
            BuildState before,
            Set<String> changed,
            Function<LocalDate, List<Event>> eventsOf,
            java.util.function.Predicate<List<String>> exists,
            BuildState state,
            Hints hints) {
        PagePlan plan = new PagePlan(TopicSlugs.assign(relations.topics()));
        List<EventSummary> summaries = relations.events();
        for (EventSummary e : summaries) {
            plan.days.add(e.day());
            if (e.status() == EventStatus.CURRENT) {
                plan.withCurrent.add(e.day());
            }
        }
        plan.markDirty(relations, before, changed);
        plan.assignPaths(summaries, before, eventsOf);
        plan.relate(relations, before, exists, state, plan.focus(relations, before, changed, hints, state));
        return plan;
    }

    /**
     * What an incremental build learns from the store's related-events index: which events'
     * lists changed since the last build, and which events list some of the given ones.
     *
     * @param listsChanged events whose Related list changed since the last build
     * @param listing the events whose list holds one of the given events
     */
    record Hints(Set<String> listsChanged, Function<Set<String>, Set<String>> listing) {}

    /**
     * The events whose pages may show something new from elsewhere: those changed or on dirty
     * days, those whose Related list changed, and those listing one of the former (whose text or
     * path may have changed). Null (every event) for a full build, without hints, or when a
     * topic's title or path changed (every event page links its topics).
     */
    private Set<String> focus(
            Relations relations, BuildState before, Set<String> changed, Hints hints, BuildState state) {
        String names = namesDigest(topics, relations::title);
        state.marks.put("topics", names);
        if (changed == null || hints == null || !names.equals(before.marks.get("topics"))) {
            return null;
        }
        Set<String> moved = new HashSet<>(changed);
        for (EventSummary e : relations.events()) {
            if (dirty.contains(e.day())) {
                moved.add(e.id());
            }
        }
        // a topic page shows of each event its text, status, day, path and time: of the events
        // on dirty days, only those changed or given another path or time show something new
        // there (a day drawn again mostly assigns its events the paths they had)
        Set<String> touched = new HashSet<>();
        for (String id : moved) {
            EventSummary e = relations.event(id);
            BuildState.EventState was = before.events.get(id);
            boolean shownAnew = changed.contains(id)
                    || was == null
                    || !was.paths().equals(paths.get(id))
                    || !java.util.Objects.equals(was.updated(), updated.get(id));
            if (e != null && shownAnew) {
                e.contexts().forEach(c -> touched.add(c.key()));
            }
        }
        touchedTopics = touched;
        Set<String> focus = new HashSet<>(moved);
        focus.addAll(hints.listsChanged());
        focus.addAll(hints.listing().apply(moved));
        return focus;
    }

    /** Days to draw whole: changed events, moved or gone events, new neighbours. */
    private void markDirty(Relations relations, BuildState before, Set<String> changed) {
        if (changed == null) {
            dirty.addAll(days);
            return;
        }
        for (String id : changed) {
            EventSummary e = relations.event(id);
            if (e != null) {
                dirty.add(e.day());
            }
            BuildState.EventState old = before.events.get(id);
            if (old != null) {
                dirty.add(old.day());
            }
        }
        for (Map.Entry<String, BuildState.EventState> e : before.events.entrySet()) {
            EventSummary now = relations.event(e.getKey());
            if (now == null || !now.day().equals(e.getValue().day())) {
                dirty.add(e.getValue().day());
            }
        }
        for (LocalDate day : days) {
            if (!neighbours(day).equals(before.neighbours.get(day))) {
                dirty.add(day); // a new day, or one whose previous/next day with events changed
            }
        }
    }

    /** Page paths: fresh for dirty days, as last built for the others. */
    private void assignPaths(
            List<EventSummary> summaries, BuildState before, Function<LocalDate, List<Event>> eventsOf) {
        for (EventSummary e : summaries) {
            BuildState.EventState old = before.events.get(e.id());
            if (!dirty.contains(e.day()) && old != null) {
                paths.put(e.id(), old.paths());
                updated.put(e.id(), old.updated());
            }
        }
        for (LocalDate day : days) {
            if (dirty.contains(day)) {
                assignDay(day, eventsOf);
            }
        }
        for (EventSummary e : summaries) {
            if (!paths.containsKey(e.id())) {
                assignDay(e.day(), eventsOf); // unknown to the last build: draw its day
                dirty.add(e.day());
            }
        }
    }

    /**
     * Assigns the page paths of a day's events without keeping the events: memory holds paths
     * for the whole archive but events for one day at a time (the day is read again to draw).
     */
    private void assignDay(LocalDate day, Function<LocalDate, List<Event>> eventsOf) {
        List<Event> events = eventsOf.apply(day);
        PageAssignment pages = PageAssignment.of(events);
        for (Event e : events) {
            paths.put(e.id(), pages.paths(e.id()));
            updated.put(e.id(), e.current().timestamp());
        }
    }

    /** Related lists; an event on a clean day is drawn again only when what it shows changed. */
    private void relate(
            Relations relations,
            BuildState before,
            java.util.function.Predicate<List<String>> exists,
            BuildState state,
            Set<String> focus) {
        // relating is most of a plan's work and each event's is its own: on every processor,
        // into arrays by position, so that the plan is the same whatever the threads
        List<EventSummary> events = relations.events();
        int n = events.size();
        // the stored lists of the events related again, in one read (others are read one by
        // one as found: an event new to the plan or with a page gone)
        if (focus == null) {
            relations.prefetch(paths.keySet());
        } else {
            List<String> known = new ArrayList<>();
            for (String id : focus) {
                if (relations.event(id) != null) {
                    known.add(id);
                }
            }
            relations.prefetch(known);
        }
        @SuppressWarnings("unchecked")
        List<Views.RelatedLink>[] links = new List[n];
        String[] digests = new String[n];
        boolean[] draw = new boolean[n];
        java.util.stream.IntStream.range(0, n).parallel().forEach(i -> {
            EventSummary e = events.get(i);
            BuildState.EventState was = before.events.get(e.id());
            if (focus != null && !focus.contains(e.id()) && was != null && exists.test(paths.get(e.id()))) {
                // nothing it shows from elsewhere changed: as the last build drew it
                digests[i] = was.relatedDigest();
                return;
            }
            List<Views.RelatedLink> mine = new ArrayList<>();
            for (Relations.Related r : relations.relatedTo(e.id())) {
                List<String> otherPaths = paths.get(r.event().id());
                mine.add(new Views.RelatedLink(r.event().text(), otherPaths.get(otherPaths.size() - 1), r.shared()));
            }
            List<String> keys = new ArrayList<>(e.contexts().size());
            e.contexts().forEach(c -> keys.add(c.key()));
            String digest = relatedDigest(mine, keys, topics);
            BuildState.EventState old = before.events.get(e.id());
            links[i] = mine;
            digests[i] = digest;
            draw[i] = dirty.contains(e.day())
                    || old == null
                    || !old.relatedDigest().equals(digest)
                    || !exists.test(paths.get(e.id()));
        });
        for (int i = 0; i < n; i++) {
            EventSummary e = events.get(i);
            if (links[i] != null) {
                related.put(e.id(), links[i]);
            }
            if (draw[i]) {
                render.add(e.id());
            }
            state.events.put(
                    e.id(), new BuildState.EventState(e.day(), digests[i], paths.get(e.id()), updated.get(e.id())));
        }
    }

    /**
     * A digest of the names of every topic: its key, page path and title. When it differs from
     * the last build's, every event page may link a topic by another name or path.
     */
    static String namesDigest(Map<String, String> topicPaths, Function<String, String> title) {
        List<String> parts = new ArrayList<>(topicPaths.size());
        topicPaths.forEach((k, v) -> parts.add(k + "\u0001" + v + "\u0001" + title.apply(k)));
        parts.sort(null);
        return BuildState.digest(parts);
    }

    /**
     * A digest of what an event's pages show from elsewhere: its Related list ({@code related})
     * and the topic pages of its contexts ({@code keys}, in the store's order: by key).
     */
    static String relatedDigest(List<Views.RelatedLink> related, List<String> keys, Map<String, String> topicPaths) {
        List<String> parts = new ArrayList<>(related.size() * 3 + keys.size());
        for (Views.RelatedLink r : related) {
            parts.add(r.text());
            parts.add(r.path());
            parts.add(String.join("\u0001", r.contexts()));
        }
        for (String key : keys) {
            parts.add(key + "\u0002" + topicPaths.get(key)); // the topic links
        }
        return BuildState.digest(parts);
    }

    /** The previous and next day with current events, or null. */
    LocalDate[] neighbourDays(LocalDate day) {
        return new LocalDate[] {withCurrent.lower(day), withCurrent.higher(day)};
    }

    /** The neighbours of {@code day} as the build state keeps them. */
    String neighbours(LocalDate day) {
        LocalDate[] n = neighbourDays(day);
        return n[0] + "|" + n[1];
    }

    /** The path of event {@code id}'s current version. */
    String current(String id) {
        List<String> p = paths.get(id);
        return p.get(p.size() - 1);
    }
}
