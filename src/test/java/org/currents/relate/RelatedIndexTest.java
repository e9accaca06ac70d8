package org.currents.relate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.currents.relate.RelatedIndex.Entry;
import org.currents.relate.RelatedIndex.Related;
import org.junit.jupiter.api.Test;

/** Ranking of related events: shared contexts, then newest day, then page position. */
class RelatedIndexTest {
    static Entry e(String id, String day, int position, String... keys) {
        return new Entry(id, LocalDate.parse(day), position, List.of(keys), true);
    }

    @Test
    void ranksBySharedContextsThenNewestDayThenPosition() {
        RelatedIndex index = RelatedIndex.of(List.of(
                e("me", "2017-07-09", 1, "A", "B", "C"),
                e("three", "2017-01-01", 1, "A", "B", "C"),
                e("twoOld", "2016-01-01", 1, "A", "B"),
                e("twoNewPos2", "2017-08-02", 2, "B", "C"),
                e("twoNewPos1", "2017-08-02", 1, "A", "C"),
                e("one", "2018-01-01", 1, "A"),
                e("none", "2018-01-01", 1, "Z")));
        assertThat(index.relatedTo("me"))
                .extracting(Related::id)
                .containsExactly("three", "twoNewPos1", "twoNewPos2", "twoOld", "one");
        assertThat(index.relatedTo("me").get(1).shared()).containsExactly("A", "C");
    }

    @Test
    void listsAtMostFiveAndNeverItselfOrIneligibleEvents() {
        List<Entry> all = new ArrayList<>();
        all.add(e("me", "2017-07-09", 1, "A"));
        all.add(new Entry("unsourced", LocalDate.parse("2017-07-09"), 2, List.of("A"), false));
        for (int k = 0; k < 8; k++) {
            all.add(e("e" + k, "2017-07-0" + (k + 1), 3, "A"));
        }
        List<Related> related = RelatedIndex.of(all).relatedTo("me");
        assertThat(related).hasSize(5).extracting(Related::id).containsExactly("e7", "e6", "e5", "e4", "e3");
    }

    @Test
    void countsExactlyThroughCommonContexts() {
        List<Entry> all = new ArrayList<>();
        all.add(e("me", "2020-01-01", 1, "Country", "Rare"));
        LocalDate start = LocalDate.parse("2000-01-01");
        for (int k = 0; k < RelatedIndex.COMMON + 100; k++) {
            all.add(new Entry("c" + k, start.plusDays(k % 5000), 1, List.of("Country"), true));
        }
        all.add(e("old-both", "1999-01-01", 1, "Country", "Rare"));
        List<Related> related = RelatedIndex.of(all).relatedTo("me");
        assertThat(related.get(0).id()).isEqualTo("old-both");
        assertThat(related.get(0).shared()).containsExactly("Country", "Rare");
        assertThat(related.get(1).shared()).containsExactly("Country");
    }
}
