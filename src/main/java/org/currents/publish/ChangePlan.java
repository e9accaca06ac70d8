package org.currents.publish;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.currents.model.Event;
import org.currents.relate.Relations;
import org.currents.store.ArchiveStore;
import org.currents.store.RelatedStore;
import org.currents.store.SiteQueries;
import org.currents.store.SiteQueries.Brief;

/**
 * The plan of a build after a small change, drawn from what changed instead of from the whole
 * archive: the events changed since the last build and their days, the events whose Related
 * list the store's index says changed or that list one of them, and the topics of the events
 * shown anew; every other event, day and topic is taken as the last build left it (its build
 * state). It reads the store's indexed queries ({@link SiteQueries}, the related-events index),
 * never every event in brief, so that its cost follows the change, not the archive. The pages
 * are those a build of the whole plan ({@link PagePlan}) would write, byte for byte.
 *
 * <p>A topic named anew (new, gone, or given another title or path: a slug taken by a new topic)
 * is drawn again with the pages that show its name: those of the events that have it, and the
 * topics that occur with it. {@link #of} declines (null), leaving the build to plan the whole
 * site, when the change is not small: more than {@link #MAX_DAYS} days to draw or {@link
 * #MAX_LINKING} events linking topics named anew; or when the archive does not add up to the
 * last build's state (events gone without a change, as after a rebuild).
 *
 * <p>It trusts the last build's pages outside the change to be there: a page deleted by hand is
 * written again by a build of the whole plan ({@code build --full}).
 */
final class ChangePlan {
    /** Days of changed events a build draws from the change alone; beyond, it plans the whole site. */
    static final int MAX_DAYS = 64;
    /**
     * Events linking topics named anew (another path or title) that a build draws from the
     * change alone; beyond, it plans the whole site.
     */
    static final int MAX_LINKING = 5000;

    final PagePlan plan;
    /** The site-wide pages' source: the store's indexed queries and this plan. */
    final SiteSource source;

    private final ArchiveStore store;
    private final SortedMap<LocalDate, int[]> counts = new TreeMap<>();
    /** The ids of each day's events: from the last build's state, and read anew for dirty days. */
    private final Map<LocalDate, List<String>> idsByDay = new HashMap<>();
    /** The dirty days' events, read once to plan and to draw. */
    private final Map<LocalDate, List<Event>> read = new HashMap<>();
    /** The days of events to draw. */
    private final Set<LocalDate> drawDays = new HashSet<>();
    /** The page paths of topics gone since the last build. */
    private final List<String> gone = new ArrayList<>();

    private final TopicNames names;

    private ChangePlan(ArchiveStore store, TopicNames names) {
        this.store = store;
        this.names = names;
        this.plan = new PagePlan(names.paths());
        this.source = new StoreSource();
    }

    /**
     * Plans the build of the change since {@code before}, or null when it is not small enough
     * (the build then plans the whole site).
     *
     * @param store the archive; its related-events index must be current
     * @param before what the last build did
     * @param state receives what this build knows of each event and day
     * @param changed ids of the events changed since the last build
     * @param since the change sequence the last build saw
     * @param exists whether every page of a path list is there
     */
    static ChangePlan of(
            ArchiveStore store,
            BuildState before,
            BuildState state,
            Set<String> changed,
            long since,
            Predicate<List<String>> exists) {
        List<SiteQueries.DayTally> tallies = store.dayTallies();
        Map<String, Brief> now = store.briefs(changed);
        Map<LocalDate, List<String>> lastDays = new HashMap<>();
        before.events.forEach((id, e) ->
                lastDays.computeIfAbsent(e.day(), d -> new ArrayList<>()).add(id));
        // the days of the changed events, where they are and where they were
        Set<LocalDate> dirty = new HashSet<>();
        Map<LocalDate, Integer> expected = new HashMap<>();
        lastDays.forEach((d, ids) -> expected.put(d, ids.size()));
        for (String id : changed) {
            BuildState.EventState was = before.events.get(id);
            if (was != null) {
                dirty.add(was.day());
                expected.merge(was.day(), -1, Integer::sum);
            }
            Brief b = now.get(id);
            if (b != null) {
                dirty.add(b.day());
                expected.merge(b.day(), 1, Integer::sum);
            }
        }
        // the archive is the last build's plus the change, but for events gone from it (no
        // version of theirs counts any more), which leave no change behind: a day with fewer
        // events than that is dirty, and reading it finds them; one with more (no event comes
        // without a change) is for a build of the whole plan
        for (SiteQueries.DayTally t : tallies) {
            int n = expected.getOrDefault(t.day(), 0);
            if (n < t.current() + t.removed()) {
                return null;
            } else if (n > t.current() + t.removed()) {
                dirty.add(t.day());
            }
            expected.remove(t.day());
        }
        expected.forEach((day, n) -> {
            if (n != 0) {
                dirty.add(day); // no event is left there
            }
        });
        // the topics' names go on from the last build's: read anew are the counts (from the
        // contexts' index alone) and the spellings of the contexts whose count moved or that a
        // changed event has (a spelling changes only with an event that has it or had it)
        if (before.names.isEmpty() && !tallies.isEmpty()) {
            return null; // an older build's state, without names: the whole plan, once
        }
        Map<String, Integer> counts = store.contextCounts();
        Set<String> affected = new HashSet<>();
        counts.forEach((key, n) -> {
            BuildState.TopicName was = before.names.get(key);
            if (was == null || was.events() != n) {
                affected.add(key);
            }
        });
        store.contextKeys(now.keySet()).values().forEach(affected::addAll);
        affected.retainAll(counts.keySet());
        TopicNames names = TopicNames.after(before.names, counts, store.contextSpellings(affected));
        if (names == null) {
            return null;
        }
        ChangePlan change = new ChangePlan(store, names);
        PagePlan plan = change.plan;
        for (SiteQueries.DayTally t : tallies) {
            plan.days.add(t.day());
            if (t.current() > 0) {
                plan.withCurrent.add(t.day());
            }
            change.counts.put(t.day(), new int[] {t.current(), t.removed()});
        }
        // a day whose previous or next day with current events changed, or that came or went
        state.neighbours.clear();
        for (LocalDate day : plan.days) {
            String n = plan.neighbours(day);
            if (!n.equals(before.neighbours.get(day))) {
                dirty.add(day);
            }
            state.neighbours.put(day, n);
        }
        for (LocalDate day : before.neighbours.keySet()) {
            if (!plan.days.contains(day)) {
                dirty.add(day);
            }
        }
        if (dirty.size() > MAX_DAYS) {
            return null;
        }
        Set<String> renamed = change.nameTopics(before, state);
        // what a whole plan checks every topic's name by (the same names give the same digest)
        state.marks.put(
                "topics",
                renamed.isEmpty() && before.marks.containsKey("topics")
                        ? before.marks.get("topics")
                        : PagePlan.namesDigest(plan.topics, change.names::title));
        plan.dirty.addAll(dirty);
        change.assignPaths(before, changed, now);
        Set<String> moved = new HashSet<>(changed);
        List<Event> shown = new ArrayList<>();
        change.read.values().forEach(shown::addAll);
        shown.forEach(e -> moved.add(e.id()));
        // of the events on dirty days, only those changed or given another path or time show
        // something new on their topics' pages (as PagePlan's focus)
        Set<String> touched = new HashSet<>();
        for (Event e : shown) {
            BuildState.EventState was = before.events.get(e.id());
            if (changed.contains(e.id())
                    || was == null
                    || !was.paths().equals(plan.paths.get(e.id()))
                    || !Objects.equals(was.updated(), plan.updated.get(e.id()))) {
                e.contexts().forEach(c -> touched.add(c.key()));
            }
        }
        // a topic named anew: the pages of the events that have it link it (and list it among
        // the contexts they share with a related event), and the topics of those events list it
        // among their co-occurring ones
        Set<String> linking = new HashSet<>();
        Set<String> named = new HashSet<>(renamed);
        named.retainAll(plan.topics.keySet());
        linking.addAll(store.eventsWithContexts(named).keySet()); // event -> its keys among them
        if (linking.size() > MAX_LINKING) {
            return null;
        }
        touched.addAll(renamed);
        store.contextKeys(linking).values().forEach(touched::addAll);
        plan.touchedTopics = touched;
        Set<String> focus = new HashSet<>(moved);
        focus.addAll(linking);
        focus.addAll(store.relatedListsChangedSince(since));
        focus.addAll(store.listing(moved));
        before.events.forEach((id, e) -> {
            if (e.relatedDigest().equals(SiteBuilder.FAILED)) {
                focus.add(id); // its pages failed to draw last time
            }
        });
        state.events.putAll(before.events);
        for (String id : changed) {
            if (!now.containsKey(id)) {
                state.events.remove(id);
            }
        }
        for (LocalDate day : plan.dirty) {
            for (String id : lastDays.getOrDefault(day, List.of())) {
                if (!plan.paths.containsKey(id)) {
                    state.events.remove(id); // gone from the archive, with or without a change
                }
            }
        }
        return change.relate(focus, changed, before, state, exists) ? change : null;
    }

    /**
     * The topics whose page path or title is not the last build's (new, gone or named anew),
     * noting this build's names in {@code state}.
     */
    private Set<String> nameTopics(BuildState before, BuildState state) {
        Set<String> renamed = new HashSet<>();
        for (LiveSite.Topic t : names.all()) {
            BuildState.TopicName name = new BuildState.TopicName(t.events(), plan.topics.get(t.key()), t.title());
            state.names.put(t.key(), name);
            if (!name.sameName(before.names.get(t.key()))) {
                renamed.add(t.key());
            }
        }
        before.names.forEach((key, was) -> {
            if (!plan.topics.containsKey(key)) {
                renamed.add(key);
                gone.add(was.path()); // its pages go
            }
        });
        return renamed;
    }

    /**
     * The page paths of the topics no event has any more: their shards are read, so that the
     * build deletes their pages.
     */
    List<String> goneTopics() {
        return gone;
    }

    /** Page paths: as last built on clean days, assigned anew on dirty days (read here, once). */
    private void assignPaths(BuildState before, Set<String> changed, Map<String, Brief> now) {
        before.events.forEach((id, e) -> {
            if (!plan.dirty.contains(e.day())) {
                plan.paths.put(id, e.paths());
                plan.updated.put(id, e.updated());
                idsByDay.computeIfAbsent(e.day(), d -> new ArrayList<>()).add(id);
            }
        });
        for (LocalDate day : plan.dirty) {
            if (!plan.days.contains(day)) {
                continue; // no event is left there: its pages go
            }
            List<Event> events = store.events(day);
            read.put(day, events);
            PageAssignment pages = PageAssignment.of(events);
            List<String> ids = new ArrayList<>(events.size());
            for (Event e : events) {
                plan.paths.put(e.id(), pages.paths(e.id()));
                plan.updated.put(e.id(), e.current().timestamp());
                ids.add(e.id());
            }
            idsByDay.put(day, ids);
        }
    }

    /**
     * The Related lists of the events in {@code focus}, from the store's index; an event is
     * drawn again only when it changed (it is in {@code changed}, or has other paths or another
     * time), what its pages show from elsewhere changed, or a page is missing. False when the index names an event the archive lacks (the whole plan then).
     */
    private boolean relate(
            Set<String> focus,
            Set<String> changed,
            BuildState before,
            BuildState state,
            Predicate<List<String>> exists) {
        List<String> ids = new ArrayList<>();
        for (String id : focus) {
            if (plan.paths.containsKey(id)) {
                ids.add(id);
            }
        }
        ids.sort(null);
        Map<String, List<RelatedStore.Listed>> lists = store.relatedLists(ids);
        Set<String> others = new HashSet<>();
        lists.values().forEach(l -> l.forEach(x -> others.add(x.id())));
        Map<String, Brief> briefs = store.briefs(others);
        Set<String> all = new HashSet<>(ids);
        all.addAll(others);
        Map<String, List<String>> keys = store.contextKeys(all);
        Map<String, LocalDate> days = new HashMap<>();
        read.values().forEach(events -> events.forEach(e -> days.put(e.id(), e.day())));
        for (String id : ids) {
            List<Views.RelatedLink> links = new ArrayList<>();
            Set<String> mine = new HashSet<>(keys.getOrDefault(id, List.of()));
            for (RelatedStore.Listed l : lists.getOrDefault(id, List.of())) {
                Brief other = briefs.get(l.id());
                List<String> otherPaths = plan.paths.get(l.id());
                if (other == null || otherPaths == null) {
                    return false;
                }
                List<String> shared = Relations.sharedTitles(mine, keys.getOrDefault(l.id(), List.of()), names::title);
                links.add(new Views.RelatedLink(other.text(), otherPaths.get(otherPaths.size() - 1), shared));
            }
            List<String> ordered = new ArrayList<>(mine);
            ordered.sort(ChangePlan::byCodePoint); // the store's order of an event's contexts
            String digest = PagePlan.relatedDigest(links, ordered, plan.topics);
            BuildState.EventState was = before.events.get(id);
            LocalDate day = days.containsKey(id) ? days.get(id) : was.day();
            List<String> paths = plan.paths.get(id);
            plan.related.put(id, links);
            // an event page shows the event, its versions' paths, its Related list, its topics'
            // paths and its first source's metadata, nothing else of its day: an event of a
            // dirty day that did not change, kept its paths and time, and lists what it listed
            // is as the last build drew it (a whole plan draws every event of a dirty day again)
            if (changed.contains(id)
                    || was == null
                    || !was.day().equals(day)
                    || !was.paths().equals(paths)
                    || !Objects.equals(was.updated(), plan.updated.get(id))
                    || !was.relatedDigest().equals(digest)
                    || !exists.test(paths)) {
                plan.render.add(id);
                drawDays.add(day);
            }
            state.events.put(id, new BuildState.EventState(day, digest, paths, plan.updated.get(id)));
        }
        return true;
    }

    /**
     * Strings in the order of their code points: the order of UTF-8 bytes, in which SQLite
     * (BINARY) and PostgreSQL ({@code COLLATE "C"}) sort an event's contexts by key; Java's
     * {@code compareTo} orders by UTF-16 units, which differs past U+FFFF.
     */
    static int byCodePoint(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            if (x != y) {
                return Integer.compare(x, y);
            }
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }

    /**
     * The days to visit: those of the months holding a dirty day or an event to draw, ascending.
     * A month's page hashes are one shard, which a build deletes from: every page of a month it
     * looks into is kept or drawn.
     */
    List<LocalDate> days() {
        Set<java.time.YearMonth> months = new HashSet<>();
        plan.dirty.forEach(d -> months.add(java.time.YearMonth.from(d)));
        drawDays.forEach(d -> months.add(java.time.YearMonth.from(d)));
        List<LocalDate> out = new ArrayList<>();
        for (LocalDate d : plan.days) {
            if (months.contains(java.time.YearMonth.from(d))) {
                out.add(d);
            }
        }
        return out;
    }

    /** The ids of {@code day}'s events. */
    List<String> idsOf(LocalDate day) {
        return idsByDay.getOrDefault(day, List.of());
    }

    /** {@code day}'s events: as read to plan it, or from the store. */
    List<Event> events(LocalDate day) {
        List<Event> events = read.get(day);
        return events != null ? events : store.events(day);
    }

    /** What the site-wide pages show, from the store's indexed queries and the plan. */
    private final class StoreSource implements SiteSource {
        @Override
        public List<Relations.Topic> topics() {
            return names.topics();
        }

        @Override
        public List<Brief> eventsOf(Relations.Topic topic) {
            return store.contextEvents(topic.key(), 0, topic.events());
        }

        @Override
        public List<Relations.Topic> coOccurring(String key) {
            List<Relations.Topic> co = new ArrayList<>();
            store.coContexts(key).forEach((k, n) -> co.add(new Relations.Topic(k, names.title(k), n)));
            co.sort(Comparator.comparingInt(Relations.Topic::events)
                    .reversed()
                    .thenComparing(Relations.Topic::title, String.CASE_INSENSITIVE_ORDER)
                    .thenComparing(Relations.Topic::key));
            return co.size() > Relations.CO_OCCURRING ? List.copyOf(co.subList(0, Relations.CO_OCCURRING)) : co;
        }

        @Override
        public SortedMap<LocalDate, int[]> dayCounts() {
            return counts;
        }

        @Override
        public List<Brief> eventsOn(Set<LocalDate> days) {
            List<String> ids = new ArrayList<>();
            days.forEach(d -> ids.addAll(idsOf(d)));
            return ordered(store.briefs(ids).values());
        }

        @Override
        public List<Brief> feedCandidates() {
            // the newest by the plan's times, as the feed picks them: a bounded heap
            Comparator<String> newest = Comparator.comparing(
                            (String id) -> plan.updated.getOrDefault(id, java.time.Instant.EPOCH))
                    .reversed()
                    .thenComparing(Comparator.naturalOrder());
            PriorityQueue<String> top = new PriorityQueue<>(newest.reversed());
            for (String id : plan.paths.keySet()) {
                top.add(id);
                if (top.size() > SitePages.FEED_ENTRIES) {
                    top.poll();
                }
            }
            return ordered(store.briefs(top).values());
        }
    }

    /** Briefs by day, position and id: the order of the archive's summaries. */
    private static List<Brief> ordered(Collection<Brief> briefs) {
        List<Brief> out = new ArrayList<>(briefs);
        out.sort(Comparator.comparing(Brief::day)
                .thenComparingInt(Brief::position)
                .thenComparing(Brief::id));
        return out;
    }
}
