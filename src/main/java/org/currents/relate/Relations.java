package org.currents.relate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.currents.model.Context;
import org.currents.model.EventStatus;
import org.currents.store.ArchiveStore;
import org.currents.store.EventSummary;

/**
 * What relates to what in an archive, answered from the stored contexts: the related events of
 * an event (SPEC.md, Related: ranked by shared contexts, then newest day, then position), the
 * events of a context (a topic), and the contexts that occur most with a context. {@code publish}
 * and {@code serve} ask this service; none of them ranks events itself.
 *
 * <p>Built once from the archive's event summaries; memory holds the summaries and integer
 * postings, never the events' versions. Not thread-safe (see {@link RelatedIndex}).
 */
public final class Relations {
    /** Contexts listed as co-occurring with a context. */
    public static final int CO_OCCURRING = 10;

    /**
     * A related event.
     *
     * @param event the related event, in brief
     * @param shared the titles of the contexts both share, sorted case-insensitively
     */
    public record Related(EventSummary event, List<String> shared) {}

    /**
     * A context with how many events it has.
     *
     * @param key its key
     * @param title the title it is shown by
     * @param events how many events (current or removed) have it
     */
    public record Topic(String key, String title, int events) {}

    private final List<EventSummary> summaries;
    private final Map<String, Integer> byId = new HashMap<>();
    private final ContextTitles titles = new ContextTitles();
    /** Related lists relating in memory found; null when the store's lists are used. */
    private final RelatedIndex index;
    /**
     * The lists read from the store's related-events index, when it is current (read as asked
     * for, not all at once: a build after a small change relates few events); null otherwise.
     */
    private final Map<String, List<org.currents.store.RelatedStore.Listed>> stored;
    /** Reads lists of the store's index; null when the lists are related in memory. */
    private final java.util.function.Function<
                    java.util.Collection<String>, Map<String, List<org.currents.store.RelatedStore.Listed>>>
            lists;
    /** Reads every list of the store's index: for a build that relates most events. */
    private final java.util.function.Supplier<Map<String, List<org.currents.store.RelatedStore.Listed>>> allLists;
    /** Per context key: indexes into summaries, newest day first, then page position. */
    private final Map<String, int[]> postings = new HashMap<>();

    private Relations(
            List<EventSummary> summaries,
            java.util.function.Function<
                            java.util.Collection<String>, Map<String, List<org.currents.store.RelatedStore.Listed>>>
                    listsOf,
            java.util.function.Supplier<Map<String, List<org.currents.store.RelatedStore.Listed>>> allLists) {
        this.summaries = List.copyOf(summaries);
        this.lists = listsOf;
        this.allLists = allLists;
        this.stored = listsOf == null ? null : new java.util.concurrent.ConcurrentHashMap<>();
        List<RelatedIndex.Entry> entries = new ArrayList<>(summaries.size());
        List<String[]> keysOf = new ArrayList<>(this.summaries.size());
        for (int i = 0; i < this.summaries.size(); i++) {
            EventSummary e = this.summaries.get(i);
            byId.put(e.id(), i);
            List<String> keys = new ArrayList<>(e.contexts().size());
            for (Context c : e.contexts()) {
                if (!keys.contains(c.key())) {
                    keys.add(c.key());
                }
                titles.add(c);
            }
            keysOf.add(keys.toArray(new String[0]));
            if (stored == null) {
                boolean live = e.status() == EventStatus.CURRENT;
                entries.add(new RelatedIndex.Entry(e.id(), e.day(), e.position(), keys, live && !e.unsourced()));
            }
        }
        index = stored == null ? RelatedIndex.of(entries) : null;
        // the events in rank order once (newest day first, then position; a stable sort), so
        // that every context's postings come out in that order without sorting each
        int[] order = rankOrder(this.summaries);
        // per key: its count in slot 0, then the indexes (one map lookup per context of an event)
        Map<String, int[]> lists = new HashMap<>();
        for (int i : order) {
            for (String k : keysOf.get(i)) {
                int[] l = lists.get(k);
                if (l == null) {
                    l = new int[5];
                    lists.put(k, l);
                } else if (l[0] + 1 == l.length) {
                    l = Arrays.copyOf(l, l.length * 2);
                    lists.put(k, l);
                }
                l[++l[0]] = i;
            }
        }
        lists.forEach((k, l) -> postings.put(k, Arrays.copyOfRange(l, 1, l[0] + 1)));
    }

    /**
     * Indexes of {@code summaries} newest day first, then by position, ties in the order given:
     * summaries come by day, then position (the store's order), so the day runs are taken from
     * the end without a sort; only a run out of position order (another source) is sorted.
     */
    private static int[] rankOrder(List<EventSummary> summaries) {
        int n = summaries.size();
        int[] order = new int[n];
        boolean ordered = true;
        for (int i = 1; i < n && ordered; i++) {
            EventSummary a = summaries.get(i - 1);
            EventSummary b = summaries.get(i);
            int c = a.day().compareTo(b.day());
            ordered = c < 0 || (c == 0 && a.position() <= b.position());
        }
        if (!ordered) {
            Integer[] boxed = new Integer[n];
            for (int i = 0; i < n; i++) {
                boxed[i] = i;
            }
            Arrays.sort(
                    boxed,
                    Comparator.comparing((Integer i) -> summaries.get(i).day())
                            .reversed()
                            .thenComparingInt(i -> summaries.get(i).position()));
            for (int i = 0; i < n; i++) {
                order[i] = boxed[i];
            }
            return order;
        }
        int k = 0;
        int end = n;
        while (end > 0) {
            int start = end - 1;
            while (start > 0
                    && summaries
                            .get(start - 1)
                            .day()
                            .equals(summaries.get(end - 1).day())) {
                start--;
            }
            for (int i = start; i < end; i++) {
                order[k++] = i;
            }
            end = start;
        }
        return order;
    }

    /** The relations of the events in {@code summaries} (as {@code ArchiveStore.eventSummaries()} lists them). */
    public static Relations of(List<EventSummary> summaries) {
        return new Relations(Objects.requireNonNull(summaries, "summaries"), null, null);
    }

    /**
     * The relations of {@code store}'s archive, with the Related lists of the store's index when
     * it is current ({@link ContextIndexer#relatedIndexed}), so that nothing is related again;
     * otherwise related in memory. The lists are the same either way.
     */
    public static Relations of(ArchiveStore store) {
        boolean indexed = ContextIndexer.relatedIndexed(store);
        return store.snapshot(() -> new Relations(
                store.eventSummaries(), indexed ? store::relatedLists : null, indexed ? store::allRelatedLists : null));
    }

    /**
     * Reads the stored Related lists of {@code ids} at once (one query, not one per event),
     * before {@link #relatedTo} is asked of them from several threads; nothing when the lists
     * are related in memory.
     */
    public void prefetch(java.util.Collection<String> ids) {
        if (lists == null) {
            return;
        }
        List<String> missing = new ArrayList<>();
        for (String id : ids) {
            if (!stored.containsKey(id)) {
                missing.add(id);
            }
        }
        if (missing.size() > Math.max(1000, summaries.size() / 8)) {
            Map<String, List<org.currents.store.RelatedStore.Listed>> all = allLists.get();
            for (EventSummary e : summaries) {
                stored.putIfAbsent(e.id(), all.getOrDefault(e.id(), List.of()));
            }
        } else if (!missing.isEmpty()) {
            Map<String, List<org.currents.store.RelatedStore.Listed>> read = lists.apply(missing);
            for (String id : missing) {
                stored.put(id, read.getOrDefault(id, List.of()));
            }
        }
    }

    /** Every event in brief, in the order given (day, then position). */
    public List<EventSummary> events() {
        return summaries;
    }

    /** The event {@code id} in brief, or null when the archive has none. */
    public EventSummary event(String id) {
        Integer i = byId.get(id);
        return i == null ? null : summaries.get(i);
    }

    /** The events related to event {@code id}, best first, at most {@link RelatedIndex#LIMIT}. */
    public List<Related> relatedTo(String id) {
        List<Related> out = new ArrayList<>();
        if (stored != null) {
            Integer self = byId.get(id);
            if (self == null) {
                return out;
            }
            List<org.currents.store.RelatedStore.Listed> listed = stored.get(id);
            if (listed == null) {
                synchronized (this) {
                    prefetch(List.of(id));
                }
                listed = stored.get(id);
            }
            for (org.currents.store.RelatedStore.Listed l : listed) {
                EventSummary other = summaries.get(byId.get(l.id()));
                out.add(new Related(other, sharedTitles(keys(summaries.get(self)), keys(other), titles::title)));
            }
            return out;
        }
        for (RelatedIndex.Related r : index.relatedTo(id)) {
            List<String> shared = new ArrayList<>();
            r.shared().forEach(k -> shared.add(titles.title(k)));
            shared.sort(String.CASE_INSENSITIVE_ORDER.thenComparing(Comparator.naturalOrder()));
            out.add(new Related(summaries.get(byId.get(r.id())), shared));
        }
        return out;
    }

    /**
     * The titles of the contexts two related events share, as a Related list shows them: the
     * keys of {@code theirs} that are among {@code mine}, each by {@code title}, sorted by title
     * case-insensitively, then as spelt.
     */
    public static List<String> sharedTitles(
            java.util.Collection<String> mine,
            java.util.Collection<String> theirs,
            java.util.function.Function<String, String> title) {
        java.util.Set<String> both = new java.util.LinkedHashSet<>(theirs);
        both.retainAll(mine instanceof java.util.Set<?> ? mine : new java.util.HashSet<>(mine));
        List<String> shared = new ArrayList<>(both.size());
        both.forEach(k -> shared.add(title.apply(k)));
        shared.sort(String.CASE_INSENSITIVE_ORDER.thenComparing(Comparator.naturalOrder()));
        return shared;
    }

    private static List<String> keys(EventSummary e) {
        List<String> out = new ArrayList<>(e.contexts().size());
        e.contexts().forEach(c -> out.add(c.key()));
        return out;
    }

    /** The title context {@code key} is shown by: its most common spelling. */
    public String title(String key) {
        return titles.title(key);
    }

    /** Every context with its count of events, A–Z by title (case-insensitive), then by key. */
    public List<Topic> topics() {
        List<Topic> out = new ArrayList<>(postings.size());
        for (Map.Entry<String, int[]> e : postings.entrySet()) {
            out.add(new Topic(e.getKey(), titles.title(e.getKey()), e.getValue().length));
        }
        out.sort(Comparator.comparing(Topic::title, String.CASE_INSENSITIVE_ORDER)
                .thenComparing(Topic::title)
                .thenComparing(Topic::key));
        return out;
    }

    /** How many events context {@code key} has. */
    public int count(String key) {
        int[] p = postings.get(key);
        return p == null ? 0 : p.length;
    }

    /**
     * Events {@code from} (inclusive) to {@code to} (exclusive) of context {@code key}, newest day
     * first, then by page position: a page of a topic, without materialising the whole topic.
     */
    public List<EventSummary> eventsOf(String key, int from, int to) {
        int[] p = postings.getOrDefault(key, new int[0]);
        List<EventSummary> out = new ArrayList<>(Math.max(0, Math.min(to, p.length) - from));
        for (int k = Math.max(0, from); k < Math.min(to, p.length); k++) {
            out.add(summaries.get(p[k]));
        }
        return out;
    }

    /** The contexts that occur most often together with {@code key}, most first (ties A–Z). */
    public List<Topic> coOccurring(String key) {
        Map<String, Integer> counts = new HashMap<>();
        for (int i : postings.getOrDefault(key, new int[0])) {
            for (Context c : summaries.get(i).contexts()) {
                if (!c.key().equals(key)) {
                    counts.merge(c.key(), 1, Integer::sum);
                }
            }
        }
        List<Topic> out = new ArrayList<>();
        counts.forEach((k, n) -> out.add(new Topic(k, titles.title(k), n)));
        out.sort(Comparator.comparingInt(Topic::events)
                .reversed()
                .thenComparing(Topic::title, String.CASE_INSENSITIVE_ORDER)
                .thenComparing(Topic::key));
        return out.size() > CO_OCCURRING ? List.copyOf(out.subList(0, CO_OCCURRING)) : out;
    }
}
