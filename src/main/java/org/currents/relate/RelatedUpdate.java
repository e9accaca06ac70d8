package org.currents.relate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.currents.model.Context;
import org.currents.model.EventStatus;
import org.currents.store.ArchiveStore;
import org.currents.store.EventSummary;
import org.currents.store.RelatedStore.Listed;
import org.currents.store.RelatedStore.Member;

/**
 * Keeps the related-events index in the store (each event's Related list, SPEC.md) up to date
 * after some events changed, touching only the changed events and the events that share a
 * context with them or list one of them. The lists are exactly what {@link RelatedIndex} over the
 * whole archive gives.
 *
 * <p>For an event {@code y} that did not change, only the changed events can move in its list:
 * each one's count of shared contexts with {@code y} is taken from the stored contexts, and
 *
 * <ul>
 *   <li>when a changed event in {@code y}'s list now ranks lower there (fewer shared contexts,
 *       an older day or later position, no longer current or sourced, or gone), the event that
 *       would take its place is unknown: {@code y}'s list is ranked again from the store;
 *   <li>otherwise the changed events are offered to the list (those already in it only move up),
 *       which is exact: every event outside the old list ranks below every event in it.
 * </ul>
 *
 * A changed event's own list is ranked again from the store. The first update of an archive
 * (mark {@value #MARK} is 0: a new archive, one made before the index, or after {@code rebuild})
 * and one after many changes relate the whole archive at once.
 */
final class RelatedUpdate {
    /** The mark that says up to which change sequence the index is kept; 0 when never built. */
    static final String MARK = "related";
    /** Above this many changed events, the whole archive is related at once. */
    static final int WHOLE = 300;

    private static final Comparator<Member> RANK = Comparator.comparing(Member::day)
            .reversed()
            .thenComparingInt(Member::position)
            .thenComparing(Member::id);

    private RelatedUpdate() {}

    /**
     * Updates the index after the events of {@code changed} (their new context keys; null when
     * the index was never built) changed; inside the caller's transaction.
     */
    static void apply(ArchiveStore store, Map<String, Set<String>> changed, long seq) {
        if (changed == null || changed.size() > WHOLE) {
            whole(store, seq);
        } else {
            update(store, changed, seq);
        }
        store.setMark(MARK, seq);
    }

    /** Relates every event of the archive and stores every list. */
    static void whole(ArchiveStore store, long seq) {
        List<EventSummary> all = store.eventSummaries();
        List<RelatedIndex.Entry> entries = new ArrayList<>(all.size());
        List<Member> members = new ArrayList<>(all.size());
        for (EventSummary e : all) {
            List<String> keys = new ArrayList<>(e.contexts().size());
            for (Context c : e.contexts()) {
                if (!keys.contains(c.key())) {
                    keys.add(c.key());
                }
            }
            boolean eligible = e.status() == EventStatus.CURRENT && !e.unsourced();
            entries.add(new RelatedIndex.Entry(e.id(), e.day(), e.position(), keys, eligible));
            members.add(new Member(e.id(), e.day(), e.position(), eligible));
        }
        RelatedIndex index = RelatedIndex.of(entries);
        Map<String, List<Listed>> lists = new HashMap<>(all.size() * 4 / 3 + 1);
        for (EventSummary e : all) {
            List<Listed> l = new ArrayList<>(RelatedIndex.LIMIT);
            for (RelatedIndex.Related r : index.relatedTo(e.id())) {
                l.add(new Listed(r.id(), r.shared().size()));
            }
            lists.put(e.id(), l);
        }
        store.replaceRelatedIndex(members, lists, seq);
    }

    private static void update(ArchiveStore store, Map<String, Set<String>> changed, long seq) {
        Set<String> ids = changed.keySet();
        Map<String, Member> before = store.indexedMembers(ids);
        Map<String, Member> now = store.currentMembers(ids);
        store.saveMembers(now.values());
        // after the changed events are saved, the index holds every event: the rest are gone
        Set<String> gone = new HashSet<>(store.indexedButGone());
        Set<String> moved = new HashSet<>(ids);
        moved.addAll(gone);
        Set<String> keys = new HashSet<>();
        changed.values().forEach(keys::addAll);
        Map<String, Set<String>> sharing = store.eventsWithContexts(keys);
        Set<String> affected = new HashSet<>(sharing.keySet());
        affected.addAll(store.listing(moved));
        affected.removeAll(moved);
        store.forgetMembers(gone);
        Set<String> read = new HashSet<>(affected);
        read.addAll(ids);
        Map<String, List<Listed>> lists = store.relatedLists(read);
        Set<String> listed = new HashSet<>();
        for (String y : affected) {
            lists.get(y).forEach(l -> listed.add(l.id()));
        }
        listed.removeAll(moved);
        Map<String, Member> ranks = new HashMap<>(store.indexedMembers(listed));
        ranks.putAll(now);
        Map<String, List<Listed>> save = new HashMap<>();
        for (String x : ids) {
            List<Listed> fresh = store.rankRelated(x, RelatedIndex.LIMIT);
            if (!fresh.equals(lists.get(x))) {
                save.put(x, fresh);
            }
        }
        for (String y : affected) {
            List<Listed> old = lists.get(y);
            Set<String> has = sharing.getOrDefault(y, Set.of());
            List<Listed> fresh = offer(old, has, changed, before, now, gone, ranks);
            if (fresh == null) {
                fresh = store.rankRelated(y, RelatedIndex.LIMIT);
            }
            if (!fresh.equals(old)) {
                save.put(y, fresh);
            }
        }
        store.saveRelatedLists(save, seq);
    }

    /**
     * {@code y}'s new list from its old one, or null when it must be ranked again from the store.
     *
     * @param has the changed events' context keys that {@code y} has
     */
    private static List<Listed> offer(
            List<Listed> old,
            Set<String> has,
            Map<String, Set<String>> changed,
            Map<String, Member> before,
            Map<String, Member> now,
            Set<String> gone,
            Map<String, Member> ranks) {
        List<Listed> kept = new ArrayList<>(RelatedIndex.LIMIT + changed.size());
        for (Listed l : old) {
            if (gone.contains(l.id())) {
                return null;
            }
            Set<String> keys = changed.get(l.id());
            if (keys == null) {
                kept.add(l);
                continue;
            }
            Member was = before.get(l.id());
            Member is = now.get(l.id());
            int shared = shared(keys, has);
            if (is == null
                    || !is.eligible()
                    || was == null
                    || shared < l.shared()
                    || (shared == l.shared() && RANK.compare(is, was) > 0)) {
                return null; // it ranks lower: what takes its place is not known here
            }
        }
        for (Map.Entry<String, Set<String>> e : changed.entrySet()) {
            Member is = now.get(e.getKey());
            int shared = shared(e.getValue(), has);
            if (is != null && is.eligible() && shared > 0) {
                kept.add(new Listed(e.getKey(), shared));
            }
        }
        kept.sort(Comparator.comparingInt(Listed::shared).reversed().thenComparing(l -> ranks.get(l.id()), RANK));
        return kept.size() > RelatedIndex.LIMIT ? List.copyOf(kept.subList(0, RelatedIndex.LIMIT)) : kept;
    }

    private static int shared(Set<String> a, Set<String> b) {
        int n = 0;
        for (String k : a) {
            if (b.contains(k)) {
                n++;
            }
        }
        return n;
    }
}
