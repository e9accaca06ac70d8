package org.currents.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.currents.model.EventVersion;
import org.currents.model.Problem;
import org.currents.model.Source;
import org.junit.jupiter.api.Test;

/** The rules every store applies to its rows, decided once above the dialects. */
class VersionRulesTest {
    private static final List<Source> BBC = List.of(new Source("https://bbc.com/a", "BBC"));

    @Test
    void versionsOfRevertedRevisionsAndUndoneVersionsDoNotCount() {
        assertThat(VersionRules.counts(false, 0)).isTrue();
        assertThat(VersionRules.counts(true, 0)).isFalse();
        assertThat(VersionRules.counts(false, 1002)).isFalse();
    }

    @Test
    void aHistoryKeepsWhatCountsMergesRepeatsAndNumbersFromOne() {
        VersionRules.History h = new VersionRules.History();
        h.offer(false, 0, 1, at(1), "A", "", "Mosul falls.", BBC);
        h.offer(false, 0, 2, at(2), "B", "typo elsewhere", "Mosul falls.", BBC); // the same again: merged
        h.offer(true, 0, 3, at(3), "Vandal", "", "Mosul LOL.", BBC); // reverted
        h.offer(false, 0, 4, at(4), "C", "", "Mosul is recaptured.", BBC);
        h.offer(false, 6, 5, at(5), "D", "", "Mosul is lost.", BBC); // undone by revision 6
        h.offer(false, 0, 7, at(7), "E", "", "Mosul is recaptured.", List.of()); // sources changed

        assertThat(h.versions())
                .extracting(EventVersion::number, EventVersion::revisionId, EventVersion::text)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1, 1L, "Mosul falls."),
                        org.assertj.core.groups.Tuple.tuple(2, 4L, "Mosul is recaptured."),
                        org.assertj.core.groups.Tuple.tuple(3, 7L, "Mosul is recaptured."));
    }

    @Test
    void anEventOfWhichNothingCountsHasNoHistory() {
        VersionRules.History h = new VersionRules.History();
        h.offer(true, 0, 3, at(3), "Vandal", "", "LOL", List.of());
        assertThat(h.versions()).isEmpty();
    }

    @Test
    void aRevisionKeepsTheFirstTwentyProblems() {
        List<Problem> problems = new ArrayList<>();
        for (int k = 1; k <= 25; k++) {
            problems.add(new Problem(k, 1, "unclosed link " + k));
        }
        assertThat(VersionRules.keptProblems(problems))
                .hasSize(20)
                .last()
                .extracting(Problem::line)
                .isEqualTo(20);
        assertThat(VersionRules.keptProblems(problems.subList(0, 3))).hasSize(3);
    }

    private static Instant at(int hour) {
        return Instant.parse("2017-07-09T00:00:00Z").plusSeconds(3600L * hour);
    }
}
