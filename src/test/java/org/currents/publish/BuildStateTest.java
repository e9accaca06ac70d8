package org.currents.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.junit.jupiter.api.Test;

class BuildStateTest {
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
