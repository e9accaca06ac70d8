package org.currents.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.currents.model.SourceMeta;
import org.currents.store.CitedUrl;
import org.currents.store.EnrichSelection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteSourcesTest {
    static final LocalDate JULY_8 = LocalDate.of(2017, 7, 8);
    static final LocalDate JULY_9 = LocalDate.of(2017, 7, 9);
    static final LocalDate JULY_10 = LocalDate.of(2017, 7, 10);

    @TempDir
    Path dir;

    SqliteFixture db;

    @BeforeEach
    void open() {
        db = SqliteFixture.create(dir.resolve("test.db"));
        db.event("e1", JULY_8, "http://a.test/1", "http://b.test/1")
                .event("e2", JULY_9, "http://a.test/2")
                .event("e3", JULY_10, "http://a.test/1", "http://c.test/1");
    }

    @AfterEach
    void close() {
        db.close();
    }

    static SourceMeta meta(String url, String outcome, Instant at) {
        return SourceMeta.builder(url, outcome, at)
                .finalUrl(url)
                .httpStatus(200)
                .title("T")
                .description("D")
                .image("http://img.test/i.jpg")
                .siteName("S")
                .published("2017-07-09")
                .canonicalUrl(url)
                .language("en")
                .author("A")
                .build();
    }

    static EnrichSelection select(
            LocalDate from, LocalDate to, boolean all, boolean refresh, Instant before, int limit) {
        return new EnrichSelection(from, to, all, refresh, before, limit);
    }

    @Test
    void storesAndReadsMetadataByUrl() {
        SourceMeta m = meta("http://a.test/1", "ok", Instant.parse("2024-01-02T03:04:05Z"));
        db.sources().saveSourceMeta(m);
        assertThat(db.sources().sourceMeta(List.of("http://a.test/1", "http://nope.test/")))
                .isEqualTo(Map.of("http://a.test/1", m));
    }

    @Test
    void replacesMetadataOfTheSameUrl() {
        db.sources().saveSourceMeta(meta("http://a.test/1", "timeout", Instant.parse("2024-01-01T00:00:00Z")));
        SourceMeta again = meta("http://a.test/1", "ok", Instant.parse("2024-02-01T00:00:00Z"));
        db.sources().saveSourceMeta(again);
        assertThat(db.sources().sourceMeta(List.of("http://a.test/1")).get("http://a.test/1"))
                .isEqualTo(again);
    }

    @Test
    void selectsFirstSourcesOnceWithTheirEarliestDay() {
        assertThat(db.sources().urlsToEnrich(EnrichSelection.firstSourcesNotYetFetched()))
                .containsExactly(new CitedUrl("http://a.test/1", JULY_8), new CitedUrl("http://a.test/2", JULY_9));
    }

    @Test
    void selectsAllSourcesOnRequest() {
        assertThat(db.sources().urlsToEnrich(select(null, null, true, false, null, 0)))
                .extracting(CitedUrl::url)
                .containsExactly("http://a.test/1", "http://b.test/1", "http://a.test/2", "http://c.test/1");
    }

    @Test
    void selectsByDayRange() {
        assertThat(db.sources().urlsToEnrich(select(JULY_9, JULY_10, true, false, null, 0)))
                .containsExactly(
                        new CitedUrl("http://a.test/2", JULY_9),
                        new CitedUrl("http://a.test/1", JULY_10),
                        new CitedUrl("http://c.test/1", JULY_10));
    }

    @Test
    void skipsUrlsAlreadyFetchedUnlessRefreshedOrTooOld() {
        db.sources().saveSourceMeta(meta("http://a.test/1", "ok", Instant.parse("2024-01-01T00:00:00Z")));
        assertThat(db.sources().urlsToEnrich(EnrichSelection.firstSourcesNotYetFetched()))
                .extracting(CitedUrl::url)
                .containsExactly("http://a.test/2");
        assertThat(db.sources().urlsToEnrich(select(null, null, false, true, null, 0)))
                .extracting(CitedUrl::url)
                .containsExactly("http://a.test/1", "http://a.test/2");
        assertThat(db.sources()
                        .urlsToEnrich(select(null, null, false, false, Instant.parse("2024-06-01T00:00:00Z"), 0)))
                .extracting(CitedUrl::url)
                .containsExactly("http://a.test/1", "http://a.test/2");
        assertThat(db.sources()
                        .urlsToEnrich(select(null, null, false, false, Instant.parse("2023-06-01T00:00:00Z"), 0)))
                .extracting(CitedUrl::url)
                .containsExactly("http://a.test/2");
    }

    @Test
    void selectsAtMostTheLimit() {
        assertThat(db.sources().urlsToEnrich(select(null, null, true, false, null, 2)))
                .extracting(CitedUrl::url)
                .containsExactly("http://a.test/1", "http://b.test/1");
    }

    @Test
    void countsOutcomes() {
        Instant at = Instant.parse("2024-01-01T00:00:00Z");
        db.sources().saveSourceMeta(meta("http://a.test/1", "ok", at));
        db.sources().saveSourceMeta(meta("http://a.test/2", "ok", at));
        db.sources().saveSourceMeta(meta("http://b.test/1", "http-404", at));
        assertThat(db.sources().sourceOutcomeCounts()).containsExactly(Map.entry("http-404", 1L), Map.entry("ok", 2L));
    }
}
