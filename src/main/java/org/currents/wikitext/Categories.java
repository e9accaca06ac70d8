package org.currents.wikitext;

import java.util.Locale;
import java.util.Map;

/**
 * Category headings in their canonical spelling, so that one category is one name across
 * eras: "Armed conflict and attacks" (2013) is "Armed conflicts and attacks".
 */
final class Categories {
    private static final Map<String, String> VARIANTS = Map.of(
            "armed conflict and attacks", "Armed conflicts and attacks",
            "armed conflicts & attacks", "Armed conflicts and attacks",
            "armed conflicts and attack", "Armed conflicts and attacks",
            "disasters & accidents", "Disasters and accidents",
            "business & economy", "Business and economy",
            "arts & culture", "Arts and culture",
            "law & crime", "Law and crime",
            "politics & elections", "Politics and elections",
            "health & environment", "Health and environment",
            "science & technology", "Science and technology");

    private Categories() {}

    static String canonical(String heading) {
        String h = heading.strip();
        while (h.endsWith(":")) {
            h = h.substring(0, h.length() - 1).strip();
        }
        String known = VARIANTS.get(h.toLowerCase(Locale.ROOT));
        return known != null ? known : h;
    }
}
