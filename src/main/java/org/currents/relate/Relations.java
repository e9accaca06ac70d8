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
    /** The store's related-events index, when it is current; null otherwise. */
    private final Map<String, List<org.currents.store.RelatedStore.Listed>> stored;
    /** Per context key: indexes into summaries, newest day first, then page position. */
    private final Map<String, int[]> postings = new HashMap<>();

    private Relations(List<EventSummary> summaries, Map<String, List<org.currents.store.RelatedStore.Listed>> stored) {
        this.summaries = List.copyOf(summaries);
        this.stored = stored;
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
        Integer[] order = new Integer[this.summaries.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(
                order,
                Comparator.comparing((Integer i) -> this.summaries.get(i).day())
                        .reversed()
                        .thenComparingInt(i -> this.summaries.get(i).position()));
        Map<String, int[]> lists = new HashMap<>();
        Map<String, Integer> sizes = new HashMap<>();
        for (Integer i : order) {
            for (String k : keysOf.get(i)) {
                int n = sizes.getOrDefault(k, 0);
                int[] l = lists.get(k);
                if (l == null || n == l.length) {
                    l = l == null ? new int[4] : Arrays.copyOf(l, l.length * 2);
                    lists.put(k, l);
                }
                l[n] = i;
                sizes.put(k, n + 1);
            }
        }
        lists.forEach((k, l) -> postings.put(k, Arrays.copyOf(l, sizes.get(k))));
    }

    /** The relations of the events in {@code summaries} (as {@code ArchiveStore.eventSummaries()} lists them). */
    public static Relations of(List<EventSummary> summaries) {
        return new Relations(Objects.requireNonNull(summaries, "summaries"), null);
    }

    /**
     * The relations of {@code store}'s archive, with the Related lists of the store's index when
     * it is current ({@link ContextIndexer#relatedIndexed}), so that nothing is related again;
     * otherwise related in memory. The lists are the same either way.
     */
    public static Relations of(ArchiveStore store) {
        return store.snapshot(() -> new Relations(
                store.eventSummaries(), ContextIndexer.relatedIndexed(store) ? store.allRelatedLists() : null));
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
            for (org.currents.store.RelatedStore.Listed l : stored.getOrDefault(id, List.of())) {
                EventSummary other = summaries.get(byId.get(l.id()));
                List<String> shared = new ArrayList<>();
                java.util.Set<String> theirs = new java.util.HashSet<>();
                other.contexts().forEach(c -> theirs.add(c.key()));
                for (Context c : summaries.get(self).contexts()) {
                    if (theirs.remove(c.key())) {
                        shared.add(titles.title(c.key()));
                    }
                }
                shared.sort(String.CASE_INSENSITIVE_ORDER.thenComparing(Comparator.naturalOrder()));
                out.add(new Related(other, shared));
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
