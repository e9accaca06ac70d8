package org.currents.history;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.currents.store.ArchiveStore;
import org.currents.store.EventSketch;
import org.currents.store.Move;

/**
 * Finds events moved from one day page to another: an event removed from one page and an event
 * that appears on another page within {@link #WINDOW} of the removal, with the same text or a
 * shared source URL, are one event. The one that appeared first keeps its identity; its pages
 * move to the new day.
 */
final class MoveDetector {
    /**
     * How far apart in time the removal and the addition may be. Editors move a misfiled item
     * in one sitting, or within a day or two when someone notices.
     */
    static final Duration WINDOW = Duration.ofDays(3);

    private final ArchiveStore store;

    MoveDetector(ArchiveStore store) {
        this.store = store;
    }

    /** Merges moved events among those changed at or after {@code sinceSequence}; returns how many. */
    long detect(long sinceSequence) {
        // a move pairs a removal and an addition of which at least one is new: read the other
        // side whole only when this side has something new (an idle sync reads nothing more)
        List<EventSketch> newRemoved = store.removedEvents(sinceSequence);
        List<EventSketch> newCreated = store.createdEvents(sinceSequence);
        if (newRemoved.isEmpty() && newCreated.isEmpty()) {
            return 0;
        }
        List<EventSketch> removed = newCreated.isEmpty() ? newRemoved : store.removedEvents(0);
        if (removed.isEmpty()) {
            return 0;
        }
        List<EventSketch> created = newRemoved.isEmpty() ? newCreated : store.createdEvents(0);
        Map<String, List<EventSketch>> byText = new HashMap<>();
        Map<String, List<EventSketch>> byUrl = new HashMap<>();
        for (EventSketch c : created) {
            byText.computeIfAbsent(c.text(), k -> new ArrayList<>()).add(c);
            for (String u : c.urls()) {
                byUrl.computeIfAbsent(u, k -> new ArrayList<>()).add(c);
            }
        }
        Set<String> newIds = new HashSet<>(store.eventsChangedSince(sinceSequence - 1));
        Set<String> used = new HashSet<>();
        long moved = 0;
        for (EventSketch r : removed) {
            EventSketch best = null;
            List<EventSketch> candidates = new ArrayList<>(byText.getOrDefault(r.text(), List.of()));
            for (String u : r.urls()) {
                candidates.addAll(byUrl.getOrDefault(u, List.of()));
            }
            for (EventSketch c : candidates) {
                if (c.pageId() == r.pageId() || c.id().equals(r.id()) || used.contains(c.id())) {
                    continue;
                }
                if (!newIds.contains(c.id()) && !newIds.contains(r.id())) {
                    continue; // both seen by an earlier import: already decided
                }
                Duration gap = Duration.between(r.at(), c.at()).abs();
                if (gap.compareTo(WINDOW) > 0 || c.at().isBefore(r.at().minus(Duration.ofHours(1)))) {
                    continue;
                }
                if (best == null
                        || Duration.between(r.at(), c.at())
                                        .abs()
                                        .compareTo(Duration.between(r.at(), best.at())
                                                .abs())
                                < 0) {
                    best = c;
                }
            }
            if (best != null && !used.contains(r.id())) {
                used.add(best.id());
                used.add(r.id());
                store.mergeMovedEvent(
                        r.id(), best.id(), new Move(r.day(), best.day(), r.revisionId(), best.revisionId()));
                moved++;
            }
        }
        return moved;
    }
}
