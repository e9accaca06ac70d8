package org.currents.publish;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.currents.relate.Relations;
import org.currents.store.SiteQueries;

/**
 * Every topic with its title, count and page path: read from the spellings of contexts (one row
 * per key and spelling), never from the events. What {@link LiveSite} names topics by, and what
 * a build after a small change ({@link ChangePlan}) checks the last build's names against.
 *
 * @param all every topic, A–Z by title (case-insensitive), then title, then key
 * @param byKey the same, by context key
 * @param paths each topic's page path ({@link TopicSlugs}), by key
 * @param keysBySlug each key by its slug
 */
record TopicNames(
        List<LiveSite.Topic> all,
        Map<String, LiveSite.Topic> byKey,
        Map<String, String> paths,
        Map<String, String> keysBySlug) {
    static TopicNames of(List<SiteQueries.Spelling> spellings) {
        // the most common spelling, ties to the alphabetically first (relate.ContextTitles)
        Map<String, String> best = new HashMap<>();
        Map<String, Integer> bestCount = new HashMap<>();
        Map<String, Integer> counts = new HashMap<>();
        for (SiteQueries.Spelling sp : spellings) {
            counts.merge(sp.key(), sp.events(), Integer::sum);
            Integer n = bestCount.get(sp.key());
            if (n == null || sp.events() > n || (sp.events() == n && sp.title().compareTo(best.get(sp.key())) < 0)) {
                best.put(sp.key(), sp.title());
                bestCount.put(sp.key(), sp.events());
            }
        }
        List<LiveSite.Topic> all = new ArrayList<>(counts.size());
        counts.forEach((k, n) -> all.add(new LiveSite.Topic(k, best.get(k), n)));
        return named(all);
    }

    /** A–Z by title (case-insensitive), then title, then key. */
    private static final Comparator<LiveSite.Topic> ORDER = Comparator.comparing(
                    LiveSite.Topic::title, String.CASE_INSENSITIVE_ORDER)
            .thenComparing(LiveSite.Topic::title)
            .thenComparing(LiveSite.Topic::key);

    /** {@code all} in order, with paths assigned. */
    private static TopicNames named(List<LiveSite.Topic> all) {
        all.sort(ORDER);
        Map<String, LiveSite.Topic> byKey = new HashMap<>();
        List<Relations.Topic> forSlugs = new ArrayList<>(all.size());
        for (LiveSite.Topic t : all) {
            forSlugs.add(new Relations.Topic(t.key(), t.title(), t.events()));
            byKey.put(t.key(), t);
        }
        Map<String, String> paths = TopicSlugs.assign(forSlugs);
        return new TopicNames(List.copyOf(all), byKey, paths, bySlug(paths));
    }

    private static Map<String, String> bySlug(Map<String, String> paths) {
        Map<String, String> keysBySlug = new HashMap<>();
        paths.forEach((key, path) -> keysBySlug.put(path.substring(path.indexOf('/') + 1), key));
        return keysBySlug;
    }

    /**
     * The names after a change: every topic of {@code counts} (how many events have each
     * context, by key), titled as {@code last} (the last build's names) but for the contexts of
     * {@code spellings}, which are titled anew from them. Paths are assigned anew only when a
     * title changed or a topic came or went (slugging every title is most of the cost of naming
     * the topics). Null when a topic has neither a name of the last build nor a spelling now.
     */
    static TopicNames after(
            Map<String, BuildState.TopicName> last, Map<String, Integer> counts, List<SiteQueries.Spelling> spellings) {
        Map<String, String> best = new HashMap<>();
        Map<String, Integer> bestCount = new HashMap<>();
        for (SiteQueries.Spelling sp : spellings) {
            Integer n = bestCount.get(sp.key());
            if (n == null || sp.events() > n || (sp.events() == n && sp.title().compareTo(best.get(sp.key())) < 0)) {
                best.put(sp.key(), sp.title());
                bestCount.put(sp.key(), sp.events());
            }
        }
        boolean renamed = last.size() != counts.size();
        List<LiveSite.Topic> all = new ArrayList<>(counts.size());
        for (Map.Entry<String, Integer> c : counts.entrySet()) {
            BuildState.TopicName was = last.get(c.getKey());
            String title = best.get(c.getKey());
            if (title == null) {
                if (was == null) {
                    return null;
                }
                title = was.title();
            }
            renamed |= was == null || !was.title().equals(title);
            all.add(new LiveSite.Topic(c.getKey(), title, c.getValue()));
        }
        if (renamed) {
            return named(all);
        }
        all.sort(ORDER);
        Map<String, LiveSite.Topic> byKey = new HashMap<>();
        Map<String, String> paths = new HashMap<>();
        for (LiveSite.Topic t : all) {
            byKey.put(t.key(), t);
            paths.put(t.key(), last.get(t.key()).path());
        }
        return new TopicNames(List.copyOf(all), byKey, paths, bySlug(paths));
    }

    /** The title topic {@code key} is shown by; the key itself when no event has it. */
    String title(String key) {
        LiveSite.Topic t = byKey.get(key);
        return t == null ? key : t.title();
    }

    /** Every topic as the relations name it. */
    List<Relations.Topic> topics() {
        List<Relations.Topic> out = new ArrayList<>(all.size());
        all.forEach(t -> out.add(new Relations.Topic(t.key(), t.title(), t.events())));
        return out;
    }
}
