package org.currents.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.currents.store.ArchiveStore;
import org.currents.store.SearchHit;
import org.currents.store.SearchPage;
import org.currents.store.SearchQuery;
import org.currents.store.Stores;
import org.currents.testing.Archives;
import org.currents.testing.ExportBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Search on an archive large enough for its bounds: a word in nearly every version weighs
 * nothing (bm25's IDF floor) and is ranked by recency without bm25; a rarer word is ranked by
 * bm25; the ranked window is the same on every page. A subclass runs the same on another store
 * ({@code PostgresSearchWindowTest}): both rank the same window by the same rules.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public class SqliteSearchTest {
    static final int DAYS = 12;
    static final int PER_DAY = 60;

    @TempDir
    static Path dir;

    ArchiveStore store;

    /** A new archive for this class: a SQLite file in {@code dir} here. */
    protected ArchiveStore open(Path dir) {
        return Archives.open(dir);
    }

    /** A new, empty archive to copy into: another SQLite file here. */
    protected ArchiveStore openEmpty(Path dir) {
        return Stores.open(dir.resolve("copy.db").toString());
    }

    @AfterAll
    protected void close() {
        if (store != null) {
            store.close();
        }
    }

    @BeforeAll
    void importALargeDay() {
        ExportBuilder export = new ExportBuilder();
        long rev = 80_000;
        for (int d = 1; d <= DAYS; d++) {
            List<String> lines = new ArrayList<>();
            for (int k = 0; k < PER_DAY; k++) {
                String extra =
                        k % 10 == 0 ? " zebra zebra" : k % 10 == 1 ? " zebra in a long sentence of many words" : "";
                // amber in 7 events of 10, cobalt in 7, both in 6: each word dense, the two together not
                extra += (k % 10 >= 2 && k % 10 <= 8 ? " amber" : "") + (k % 10 >= 3 ? " cobalt" : "");
                lines.add("*The event " + d + "-" + k + " happened in the town" + extra + ". [http://news.test/" + d
                        + "/" + k + " (News)]");
            }
            export.page("Portal:Current events/2018 May " + d)
                    .revision(
                            rev++,
                            "2018-05-" + (d < 10 ? "0" : "") + d + "T10:00:00Z",
                            "Editor",
                            "day",
                            ExportBuilder.day(lines.toArray(String[]::new)));
        }
        store = open(dir);
        Archives.importFile(store, export.write(dir.resolve("large.xml")));
    }

    @Test
    void aWordInNearlyEveryVersionIsRankedByTheNewerDayAlone() {
        SearchPage page = store.search(new SearchQuery("the", null, null, null, null, null, null, 0, 100, 0));
        assertThat(page.hits()).hasSize(100);
        assertThat(page.hits()).allMatch(h -> h.score() == 0.0);
        assertThat(page.hits())
                .isSortedAccordingTo(Comparator.comparing(SearchHit::day, Comparator.reverseOrder())
                        .thenComparing(SearchHit::id));
        assertThat(page.hits().get(0).day()).isEqualTo(java.time.LocalDate.of(2018, 5, DAYS));
    }

    @Test
    void wordsEachInMostVersionsAreRankedByTheNewerDayAloneThoughFewerVersionsHaveBoth() {
        // bm25 weighs each word by its own IDF, floored for a word in more than half the rows:
        // "amber cobalt" weighs nothing, though its 432 matches are 60 in 100 versions
        SearchPage page = store.search(new SearchQuery("amber cobalt", null, null, null, null, null, null, 0, 100, 0));
        assertThat(page.hits()).hasSize(100);
        assertThat(page.hits()).allMatch(h -> h.score() == 0.0);
        assertThat(page.hits())
                .isSortedAccordingTo(Comparator.comparing(SearchHit::day, Comparator.reverseOrder())
                        .thenComparing(SearchHit::id));
        assertThat(page.hits()).allMatch(h -> h.text().contains("amber cobalt"));
    }

    @Test
    void aWordInMostVersionsBesideARarerOneIsRankedByBm25() {
        // the rarer word weighs: one word that bm25 ranks by is enough
        List<SearchHit> hits = store.search(
                        new SearchQuery("happened zebra", null, null, null, null, null, null, 0, 100, 0))
                .hits();
        assertThat(hits).hasSize(100).allMatch(h -> h.score() < 0);
        assertThat(hits.subList(0, DAYS * PER_DAY / 10)).allMatch(h -> h.text().contains("zebra zebra"));
    }

    @Test
    void aRarerWordIsRankedByBm25() {
        List<SearchHit> hits = store.search(new SearchQuery("zebra", null, null, null, null, null, null, 0, 100, 0))
                .hits();
        assertThat(hits).hasSize(100); // of 144

        assertThat(hits).allMatch(h -> h.score() < 0);
        // "zebra zebra" in a short text ranks above one "zebra" in a long one, whatever the day
        assertThat(hits.subList(0, DAYS * PER_DAY / 10)).allMatch(h -> h.text().contains("zebra zebra"));
        assertThat(hits.subList(DAYS * PER_DAY / 10, 100))
                .noneMatch(h -> h.text().contains("zebra zebra"));
        assertThat(hits).isSortedAccordingTo(Comparator.comparingDouble(SearchHit::score));
    }

    @Test
    void everyPageSlicesTheSameWindowBelowTheFirstPagesCeiling() {
        List<String> whole = new ArrayList<>();
        SearchPage all = store.search(new SearchQuery("happened", null, null, null, null, null, null, 0, 100, 0));
        all.hits().forEach(h -> whole.add(h.id()));
        List<String> paged = new ArrayList<>();
        long ceiling = 0;
        for (int offset = 0; offset < 100; offset += 7) {
            SearchPage p = store.search(new SearchQuery(
                    "happened", null, null, null, null, null, null, offset, Math.min(7, 100 - offset), ceiling));
            ceiling = p.ceiling();
            p.hits().forEach(h -> paged.add(h.id()));
        }
        assertThat(ceiling).isEqualTo(all.ceiling()).isPositive();
        assertThat(paged).isEqualTo(whole).doesNotHaveDuplicates();
        assertThat(all.bounded()).isTrue(); // 720 matches, more than the window ranks
    }

    @Test
    void aCopyOfTheArchiveRanksTheSameWindow() {
        // 720 matches of "happened", more than the window: a copy whose search rows followed
        // another order than recency would rank other versions
        try (ArchiveStore copy = openEmpty(dir)) {
            store.copyTo(copy, line -> {});
            for (String word : List.of("happened", "zebra", "the")) {
                SearchQuery q = new SearchQuery(word, null, null, null, null, null, null, 0, 100, 0);
                assertThat(copy.search(q).hits())
                        .as(word)
                        .extracting(SearchHit::id)
                        .containsExactlyElementsOf(store.search(q).hits().stream()
                                .map(SearchHit::id)
                                .toList());
            }
        }
    }
}
