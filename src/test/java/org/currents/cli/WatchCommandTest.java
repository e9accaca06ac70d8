package org.currents.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.currents.source.DayPageTitle;
import org.currents.source.api.FakeMediaWiki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WatchCommandTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"10m, PT10M", "90s, PT1M30S", "1h, PT1H", "1h30m, PT1H30M", "PT5M, PT5M", "2m5s, PT2M5S"})
    void readsDurations(String text, String expected) {
        assertThat(WatchCommand.duration(text)).isEqualTo(Duration.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0s", "ten minutes", "10", "500ms", "-PT5M"})
    void refusesBadDurations(String text) {
        assertThatThrownBy(() -> WatchCommand.duration(text))
                .isInstanceOf(UsageException.class)
                .hasMessage("--every must be a duration of at least 1s such as 90s, 10m or 1h: " + text);
    }

    @Test
    void syncsTheLastDaysEachCycleAndAnIdleCycleCostsOneRequest() throws Exception {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        try (FakeMediaWiki wiki = FakeMediaWiki.start()) {
            for (int i = 0; i < 3; i++) {
                wiki.edit(
                        DayPageTitle.of(today.minusDays(i)),
                        "Editor",
                        "day",
                        "* e" + i + " [http://x.org/" + i + " (X)]");
            }
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();

            int code = Currents.run(
                    new PrintWriter(out, true),
                    new PrintWriter(err, true),
                    "watch",
                    "--db=" + dir.resolve("a.db"),
                    "--api=" + wiki.api(),
                    "--contact=t@example.org",
                    "--days=3",
                    "--every=1s",
                    "--cycles=2",
                    "--out=" + dir.resolve("site"),
                    "--format=md");

            assertThat(code).as(err.toString()).isZero();
            String[] lines = out.toString().split("\n");
            assertThat(lines).hasSize(4);
            assertThat(lines[0])
                    .matches(
                            ".*Z cycle 1: 3 days \\(0 missing, 0 up to date, 3 changed\\); 3 new revisions; .*; 4 requests");
            assertThat(lines[1])
                    .startsWith("built " + dir.resolve("site") + ": 3 days, 6 pages; 6 written, 0 unchanged");
            assertThat(lines[2])
                    .matches(
                            ".*Z cycle 2: 3 days \\(0 missing, 3 up to date, 0 changed\\); 0 new revisions; .*; 1 requests");
            assertThat(lines[3]).isEqualTo("watch done");
            assertThat(dir.resolve("site/news/" + today.getYear())).isDirectory();
            assertThat(wiki.requestCount()).isEqualTo(5);
            assertThat(wiki.requests().get(4).param("prop")).isEqualTo("info");
        }
    }
}
