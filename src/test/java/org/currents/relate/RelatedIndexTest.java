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

    /**
     * On 30,000 events whose contexts follow a Zipf law (dozens of contexts with more than
     * {@link RelatedIndex#COMMON} events, many events with several of them), every Related list
     * equals the one found by comparing the event with every other.
     */
    @Test
    void equalsTheExhaustiveAnswerOnALargeZipfArchive() {
        java.util.Random r = new java.util.Random(7);
        int n = 30_000;
        int vocabulary = n / 3;
        List<Entry> all = new ArrayList<>();
        LocalDate start = LocalDate.parse("2002-01-01");
        for (int k = 0; k < n; k++) {
            List<String> keys = new ArrayList<>();
            int contexts = 1 + r.nextInt(7);
            for (int c = 0; c < contexts; c++) {
                keys.add("c" + (int) Math.pow(vocabulary, r.nextDouble() * r.nextDouble()));
            }
            // many events a day, so that ties on day are broken by position
            all.add(new Entry("e" + k, start.plusDays(r.nextInt(3000)), r.nextInt(60), keys, r.nextInt(10) != 0));
        }
        RelatedIndex index = RelatedIndex.of(all);
        java.util.Map<String, Integer> sizes = new java.util.HashMap<>();
        all.forEach(e -> e.contextKeys().stream().distinct().forEach(c -> sizes.merge(c, 1, Integer::sum)));
        assertThat(sizes.values().stream().filter(s -> s > RelatedIndex.COMMON).count())
                .isGreaterThan(20);
        java.util.Comparator<Entry> rank = java.util.Comparator.comparing(Entry::day)
                .reversed()
                .thenComparingInt(Entry::position)
                .thenComparing(Entry::id);
        List<Entry> ranked = new ArrayList<>(all);
        ranked.sort(rank);
        int checked = 0;
        for (int q = 0; q < n; q += 7) { // every 7th event: 4,286 exhaustive comparisons with 30,000
            Entry me = all.get(q);
            java.util.Set<String> mine = new java.util.HashSet<>(me.contextKeys());
            List<Entry> expected = new ArrayList<>();
            java.util.Map<String, Integer> shared = new java.util.HashMap<>();
            for (Entry other : ranked) {
                if (other == me || !other.eligible()) {
                    continue;
                }
                int count = (int) other.contextKeys().stream()
                        .distinct()
                        .filter(mine::contains)
                        .count();
                if (count > 0) {
                    shared.put(other.id(), count);
                    expected.add(other);
                }
            }
            expected.sort(java.util.Comparator.comparing((Entry e) -> -shared.get(e.id()))
                    .thenComparing(rank));
            List<String> want =
                    expected.stream().limit(RelatedIndex.LIMIT).map(Entry::id).toList();
            assertThat(index.relatedTo(me.id()))
                    .extracting(Related::id)
                    .as(me.id())
                    .containsExactlyElementsOf(want);
            checked++;
        }
        assertThat(checked).isGreaterThan(4000);
    }
}
