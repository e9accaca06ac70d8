package org.currents.publish;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.currents.relate.Relations;

/**
 * The page path of every topic, {@code topics/<slug>} (SPEC.md: the slug rule on the context's
 * title). Topics whose slugs would collide get {@code -2}, {@code -3}, ... in A–Z order of their
 * titles; the site's own names ({@link Slugs#RESERVED}) count as taken, and a suffix never takes
 * another topic's plain slug.
 */
final class TopicSlugs {
    private TopicSlugs() {}

    /** Paths by context key, for {@code topics} in A–Z order. */
    static Map<String, String> assign(List<Relations.Topic> topics) {
        // each title's slug once: a build assigns every topic's path, and slugging is most of it
        String[] slugs = new String[topics.size()];
        Set<String> bases = new HashSet<>();
        for (int i = 0; i < slugs.length; i++) {
            slugs[i] = Slugs.of(topics.get(i).title());
            bases.add(slugs[i]);
        }
        Set<String> taken = new HashSet<>(Slugs.RESERVED);
        Map<String, String> out = new HashMap<>();
        for (int i = 0; i < slugs.length; i++) {
            Relations.Topic t = topics.get(i);
            String base = slugs[i];
            String slug = base;
            if (!taken.add(slug)) {
                int k = 2;
                while (bases.contains(base + "-" + k) || taken.contains(base + "-" + k)) {
                    k++;
                }
                slug = base + "-" + k;
                taken.add(slug);
            }
            out.put(t.key(), "topics/" + slug);
        }
        return out;
    }
}
