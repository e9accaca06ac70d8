package org.currents.publish;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.currents.model.EventStatus;
import org.currents.relate.Relations;
import org.currents.store.EventSummary;
import org.currents.store.SiteQueries.Brief;

/**
 * What the site-wide pages ({@link SitePages}) show of the archive: its topics, their events, the
 * days and their counts. A build that planned the whole site reads it from the archive's
 * relations in memory ({@link #of(Relations)}); a build after a small change from the store's
 * indexed queries ({@link ChangePlan}), so that it does not read every event. The pages are the
 * same either way.
 */
interface SiteSource {
    /** Every topic with its count of events, A–Z by title (case-insensitive), then title, then key. */
    List<Relations.Topic> topics();

    /** The events of {@code topic}, newest day first, then page position, then id. */
    List<Brief> eventsOf(Relations.Topic topic);

    /** The {@link Relations#CO_OCCURRING} contexts that occur most with {@code key}, most first (ties A–Z, then key). */
    List<Relations.Topic> coOccurring(String key);

    /** Every day with events, ascending, with its count of current and of removed events. */
    SortedMap<LocalDate, int[]> dayCounts();

    /** The events of {@code days}, by day, then position, then id. */
    List<Brief> eventsOn(Set<LocalDate> days);

    /**
     * Events among which the latest feed's are: every event, or fewer, as long as they hold the
     * {@link SitePages#FEED_ENTRIES} whose current versions are newest (by the plan's times).
     */
    List<Brief> feedCandidates();

    /** Current and removed counts of the events in {@code events}, per day. */
    static SortedMap<LocalDate, int[]> counts(Iterable<EventSummary> events) {
        SortedMap<LocalDate, int[]> counts = new TreeMap<>();
        for (EventSummary e : events) {
            counts.computeIfAbsent(e.day(), d -> new int[2])[e.status() == EventStatus.CURRENT ? 0 : 1]++;
        }
        return counts;
    }

    /** The archive's relations in memory as the site-wide pages' source. */
    static SiteSource of(Relations relations) {
        return new SiteSource() {
            @Override
            public List<Relations.Topic> topics() {
                return relations.topics();
            }

            @Override
            public List<Brief> eventsOf(Relations.Topic topic) {
                return briefs(relations.eventsOf(topic.key(), 0, topic.events()));
            }

            @Override
            public List<Relations.Topic> coOccurring(String key) {
                return relations.coOccurring(key);
            }

            @Override
            public SortedMap<LocalDate, int[]> dayCounts() {
                return counts(relations.events());
            }

            @Override
            public List<Brief> eventsOn(Set<LocalDate> days) {
                List<EventSummary> of = new ArrayList<>();
                for (EventSummary e : relations.events()) {
                    if (days.contains(e.day())) {
                        of.add(e);
                    }
                }
                return briefs(of);
            }

            @Override
            public List<Brief> feedCandidates() {
                return briefs(relations.events());
            }
        };
    }

    private static List<Brief> briefs(List<EventSummary> events) {
        List<Brief> out = new ArrayList<>(events.size());
        for (EventSummary e : events) {
            out.add(new Brief(e.id(), e.day(), e.position(), e.status(), e.text()));
        }
        return out;
    }
}
