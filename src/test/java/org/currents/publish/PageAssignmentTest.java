package org.currents.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.currents.model.Event;
import org.currents.model.EventStatus;
import org.currents.model.EventVersion;
import org.junit.jupiter.api.Test;

/** Page paths and their collisions (SPEC.md, Paths). */
class PageAssignmentTest {
    static final LocalDate DAY = LocalDate.parse("2017-07-09");
    static final String LONG = "x".repeat(140);

    static Event event(String id, String firstTime, String... texts) {
        List<EventVersion> versions = new ArrayList<>();
        Instant t = Instant.parse(firstTime);
        for (int k = 0; k < texts.length; k++) {
            versions.add(new EventVersion(k + 1, 100 + k, t.plusSeconds(60L * k), "ed", "", texts[k], List.of()));
        }
        return new Event(
                id, DAY, List.of(), "", List.of(), List.of(), 1, EventStatus.CURRENT, 0, null, false, versions);
    }

    @Test
    void theCurrentVersionKeepsThePlainSlugOverItsOlderVersions() {
        Event e = event("e", "2017-07-09T10:00:00Z", LONG + " first", LONG + " second", LONG + " third");
        PageAssignment a = PageAssignment.of(List.of(e));
        String dir = "news/2017/07/9/";
        assertThat(a.paths("e")).containsExactly(dir + LONG + "-2", dir + LONG + "-3", dir + LONG + "");
    }

    @Test
    void betweenEventsTheOneThatAppearedFirstKeepsTheSlug() {
        Event late = event("late", "2017-07-09T12:00:00Z", "Same words");
        Event early = event("early", "2017-07-09T10:00:00Z", "Same words");
        PageAssignment a = PageAssignment.of(List.of(late, early));
        assertThat(a.current("early")).isEqualTo("news/2017/07/9/same-words");
        assertThat(a.current("late")).isEqualTo("news/2017/07/9/same-words-2");
    }

    @Test
    void aSuffixNeverTakesAnotherEventsPlainSlug() {
        Event a1 = event("a1", "2017-07-09T10:00:00Z", "Storm");
        Event a2 = event("a2", "2017-07-09T11:00:00Z", "Storm");
        Event b = event("b", "2017-07-09T12:00:00Z", "Storm 2");
        PageAssignment a = PageAssignment.of(List.of(a1, a2, b));
        assertThat(a.current("b")).isEqualTo("news/2017/07/9/storm-2");
        assertThat(a.current("a2")).isEqualTo("news/2017/07/9/storm-3");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"INDEX!", "index", "Feeds", "topics", "404", "sitemap"})
    void aSlugNeverTakesTheSitesOwnNames(String text) {
        Event e = event("e", "2017-07-09T10:00:00Z", text);
        String plain = Slugs.of(text);
        assertThat(Slugs.reserved(plain)).isTrue();
        assertThat(PageAssignment.of(List.of(e)).current("e")).isEqualTo("news/2017/07/9/" + plain + "-2");
    }

    @Test
    void anOlderVersionNamedIndexStepsAsideToo() {
        Event e = event("e", "2017-07-09T10:00:00Z", "Index", "A storm hits");
        assertThat(PageAssignment.of(List.of(e)).paths("e"))
                .containsExactly("news/2017/07/9/index-2", "news/2017/07/9/a-storm-hits");
    }
}
