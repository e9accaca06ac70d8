package org.currents.publish;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.currents.model.Event;
import org.currents.model.EventVersion;

/**
 * The page path of every version of every event of one day (SPEC.md, Paths), without an
 * extension: each renderer adds its own. Pages that would
 * share a path get {@code -2}, {@code -3}, ...: an event's current version keeps the plain slug
 * over its own older versions; between different events, the one that appeared first keeps it.
 * The site's own names ({@link Slugs#RESERVED}, {@code index} above all) count as taken.
 */
final class PageAssignment {
    private final Map<String, List<String>> paths = new HashMap<>();

    private PageAssignment() {}

    /** Assigns paths to every version of {@code events}, which must all be on one day. */
    static PageAssignment of(List<Event> events) {
        PageAssignment a = new PageAssignment();
        List<Event> byAge = new ArrayList<>(events);
        byAge.sort(Comparator.comparing((Event e) -> e.versions().get(0).timestamp())
                .thenComparingLong(e -> e.versions().get(0).revisionId())
                .thenComparingInt(Event::position)
                .thenComparing(Event::id));
        record Claim(Event event, int version, String base) {}
        List<Claim> claims = new ArrayList<>();
        Set<String> bases = new HashSet<>();
        for (Event e : byAge) {
            List<EventVersion> vs = e.versions();
            int current = vs.size() - 1;
            claims.add(new Claim(e, current, Slugs.of(vs.get(current).text())));
            for (int k = 0; k < current; k++) {
                claims.add(new Claim(e, k, Slugs.of(vs.get(k).text())));
            }
        }
        claims.forEach(c -> bases.add(c.base));
        Map<String, String[]> slugs = new HashMap<>();
        Set<String> taken = new HashSet<>(Slugs.RESERVED);
        List<Claim> losers = new ArrayList<>();
        for (Claim c : claims) {
            slugs.computeIfAbsent(
                    c.event.id(), k -> new String[c.event.versions().size()]);
            if (taken.add(c.base)) {
                slugs.get(c.event.id())[c.version] = c.base;
            } else {
                losers.add(c);
            }
        }
        for (Claim c : losers) {
            int k = 2;
            while (bases.contains(c.base + "-" + k) || taken.contains(c.base + "-" + k)) {
                k++;
            }
            String slug = c.base + "-" + k;
            taken.add(slug);
            slugs.get(c.event.id())[c.version] = slug;
        }
        for (Event e : events) {
            String dir = Paths.dayDir(e.day());
            List<String> list = new ArrayList<>();
            for (String s : slugs.get(e.id())) {
                list.add(dir + "/" + s);
            }
            a.paths.put(e.id(), list);
        }
        return a;
    }

    /** The paths of event {@code id}'s versions, oldest first. */
    List<String> paths(String id) {
        return paths.get(id);
    }

    /** The path of event {@code id}'s newest version. */
    String current(String id) {
        List<String> p = paths.get(id);
        return p.get(p.size() - 1);
    }
}
