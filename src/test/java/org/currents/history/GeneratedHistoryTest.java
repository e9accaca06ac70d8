package org.currents.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.currents.store.ArchiveStore;
import org.currents.store.Observation;
import org.currents.store.PageState;
import org.currents.store.StoredPage;
import org.currents.testing.Archives;
import org.currents.testing.Generator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Event identity on generated revision streams, against the generator's ground truth (which
 * event is which across a page's revisions): pairwise precision and recall over every pair of
 * observations of one page, goal at least 98% each.
 */
class GeneratedHistoryTest {
    @TempDir
    Path dir;

    @Test
    void followsEventIdentityWithPrecisionAndRecallOfAtLeast98Percent() throws Exception {
        Path export = Generator.generate(dir, "small", "--preset", "small");
        Map<Long, Map<String, String>> ours = new HashMap<>(); // revision -> url -> our event id
        try (ArchiveStore store = Archives.open(dir)) {
            Archives.importFile(store, export);
            for (StoredPage page : store.pages()) {
                PageState s = store.pageState(page.id());
                for (Observation o : s.observations()) {
                    var bullet = s.bullets().get(o.bulletKey());
                    for (var source : bullet.sources()) {
                        ours.computeIfAbsent(o.revisionId(), k -> new HashMap<>())
                                .putIfAbsent(source.url(), o.eventId());
                    }
                }
            }
        }
        Map<String, Long> both = new HashMap<>();
        Map<String, Long> truthOnly = new HashMap<>();
        Map<String, Long> oursOnly = new HashMap<>();
        long observations = 0;
        long unpaired = 0;
        ObjectMapper json = new ObjectMapper();
        try (BufferedReader in = Files.newBufferedReader(Generator.truth(export))) {
            String line;
            while ((line = in.readLine()) != null) {
                JsonNode r = json.readTree(line);
                if (r.get("events").isNull()) {
                    continue; // broken markup: no defined answer
                }
                Map<String, String> byUrl = ours.getOrDefault(r.get("rev").asLong(), Map.of());
                for (JsonNode e : r.get("events")) {
                    String mine = null;
                    for (JsonNode s : e.get("sources")) {
                        mine = mine != null ? mine : byUrl.get(s.get(0).asText());
                    }
                    if (mine == null) {
                        unpaired++;
                        continue;
                    }
                    observations++;
                    String truth = r.get("page").asText() + "|" + e.get("id").asText();
                    both.merge(truth + "|" + mine, 1L, Long::sum);
                    truthOnly.merge(truth, 1L, Long::sum);
                    oursOnly.merge(mine, 1L, Long::sum);
                }
            }
        }
        double precision = pairs(both) / pairs(oursOnly);
        double recall = pairs(both) / pairs(truthOnly);
        System.out.printf(
                "event identity on gen_corpus small: %d observations (%d unpaired), pair precision %.4f, recall %.4f%n",
                observations, unpaired, precision, recall);
        assertThat(unpaired).isZero();
        assertThat(precision).isGreaterThanOrEqualTo(0.98);
        assertThat(recall).isGreaterThanOrEqualTo(0.98);
        assertThat(List.of(precision, recall)).allSatisfy(v -> assertThat(v).isLessThanOrEqualTo(1.0));
    }

    private static double pairs(Map<String, Long> clusters) {
        double n = 0;
        for (long c : clusters.values()) {
            n += c * (c - 1) / 2.0;
        }
        return n;
    }
}
