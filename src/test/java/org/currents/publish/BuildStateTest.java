package org.currents.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.junit.jupiter.api.Test;

class BuildStateTest {
    @Test
    void aViewsDigestTellsApartViewsThatPrintAlike() {
        // the wiki's text decides the fields: these two print the same toString()
        Views.Link a = new Views.Link("Storm, path=x", "y");
        Views.Link b = new Views.Link("Storm", "x, path=y");
        assertThat(a.toString()).isEqualTo(b.toString());
        assertThat(BuildState.digestOf(a)).isNotEqualTo(BuildState.digestOf(b));

        Views.TopicIndex one = new Views.TopicIndex(java.util.List.of(new Views.TopicEntry("k", "T", "topics/t", 2)));
        Views.TopicIndex same = new Views.TopicIndex(java.util.List.of(new Views.TopicEntry("k", "T", "topics/t", 2)));
        Views.TopicIndex more = new Views.TopicIndex(java.util.List.of(new Views.TopicEntry("k", "T", "topics/t", 3)));
        assertThat(BuildState.digestOf(one))
                .isEqualTo(BuildState.digestOf(same))
                .hasSize(32);
        assertThat(BuildState.digestOf(more)).isNotEqualTo(BuildState.digestOf(one));
        // a list's boundaries count: ["ab"] is not ["a", "b"], nor the number 12 the text "12"
        assertThat(BuildState.digestOf(java.util.List.of("ab")))
                .isNotEqualTo(BuildState.digestOf(java.util.List.of("a", "b")));
        assertThat(BuildState.digestOf(12)).isNotEqualTo(BuildState.digestOf("12"));
    }

    @Test
    void theStatesTimesAreReadAsInstantParseReadsThem() {
        for (String t : new String[] {
            "2017-07-02T12:00:00Z",
            "2004-12-01T00:00:00Z",
            "2024-02-29T23:59:59Z",
            "1970-01-01T00:00:00Z",
            "1969-12-31T23:59:59Z",
            "2017-07-02T12:00:00.250Z",
            "+12017-07-02T12:00:00Z"
        }) {
            assertThat(BuildState.instant(t)).as(t).isEqualTo(Instant.parse(t));
        }
        // what Instant.parse does not take, instant() does not either
        for (String bad : new String[] {"2017-02-32T12:00:00Z", "2017-07-02T25:00:00Z", "2017-07-02T1a:00:00Z"}) {
            assertThatThrownBy(() -> Instant.parse(bad)).as(bad).isInstanceOf(DateTimeParseException.class);
            assertThatThrownBy(() -> BuildState.instant(bad)).as(bad).isInstanceOf(DateTimeParseException.class);
        }
    }
}
