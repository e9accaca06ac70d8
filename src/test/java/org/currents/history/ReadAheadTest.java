package org.currents.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.currents.model.Revision;
import org.currents.model.WikiPage;
import org.currents.source.RevisionSource;
import org.currents.wikitext.DayPageParser;
import org.junit.jupiter.api.Test;

/**
 * The reading thread runs ahead of the writer by a budget of estimated bytes, not a count of
 * messages: far enough for the writer's commits, never past the budget, and further when the
 * revisions repeat what the page already said (their strings are shared).
 */
class ReadAheadTest {
    static final int REVISIONS = 5_000;

    /** One page of {@link #REVISIONS} revisions of 40 long bullets each, new ones or the same. */
    private static RevisionSource page(boolean everyRevisionNew, AtomicInteger handed) {
        return new RevisionSource() {
            @Override
            public String describe() {
                return "one generated page";
            }

            @Override
            public void readInto(org.currents.source.RevisionSink sink) {
                sink.beginPage(new WikiPage("Portal:Current events/2017 July 9", LocalDate.of(2017, 7, 9), 1));
                for (int r = 1; r <= REVISIONS; r++) {
                    StringBuilder text = new StringBuilder("'''Armed conflicts and attacks'''\n");
                    for (int b = 0; b < 40; b++) {
                        int n = everyRevisionNew ? r * 100 + b : b;
                        text.append("* Event ")
                                .append(n)
                                .append(' ')
                                .append("happened in a town far away, as reported at length. ".repeat(20))
                                .append("[http://news.test/")
                                .append(n)
                                .append(" (News)]\n");
                    }
                    sink.revision(new Revision(
                            r,
                            r - 1,
                            Instant.ofEpochSecond(1_500_000_000L + r),
                            "Ann",
                            "",
                            "sha" + r,
                            text.toString(),
                            false));
                    handed.incrementAndGet();
                }
                sink.endPage();
            }
        };
    }

    /** Waits until the reader has stopped handing revisions over (it waits for room). */
    private static int settled(AtomicInteger handed) throws InterruptedException {
        int last = -1;
        while (handed.get() != last) {
            last = handed.get();
            Thread.sleep(300);
        }
        return last;
    }

    @Test
    void theReaderStopsAtTheBudgetAndGoesOnAsTheWriterTakes() throws Exception {
        AtomicInteger handed = new AtomicInteger();
        ReadAhead reader = ReadAhead.start(page(true, handed), DayPageParser.create(), false, () -> false);
        try {
            int ahead = settled(handed);
            assertThat(ahead)
                    .as("revisions read ahead of a writer that takes nothing")
                    .isBetween(10, REVISIONS - 1);
            List<Object> taken = new ArrayList<>();
            long kb = 0;
            for (int i = 0; i < ahead + 1; i++) { // the Begin, then the revisions
                Object m = reader.next();
                taken.add(m);
                kb += ReadAhead.weight(m);
            }
            assertThat(taken.get(0)).isInstanceOf(ReadAhead.Begin.class);
            assertThat(taken.subList(1, taken.size()))
                    .allMatch(m -> m instanceof ReadAhead.Parsed p
                            && p.result().events().size() == 40);
            // what was queued fitted the budget, and the next revision did not
            assertThat(kb).isLessThanOrEqualTo(ReadAhead.BUDGET_KB);
            assertThat(kb + ReadAhead.weight(taken.get(1))).isGreaterThan(ReadAhead.BUDGET_KB);
            // taking gave the room back: the reader went on, and reads to the end as it is taken
            int seen = ahead;
            Object m;
            while (!((m = reader.next()) instanceof ReadAhead.Done)) {
                seen += m instanceof ReadAhead.Parsed ? 1 : 0;
            }
            assertThat(((ReadAhead.Done) m).error()).isNull();
            assertThat(seen).isEqualTo(REVISIONS);
        } finally {
            reader.close();
        }
    }

    @Test
    void revisionsThatRepeatThePageWeighTheirRecordsOnlyAndGoFurther() throws Exception {
        AtomicInteger fresh = new AtomicInteger();
        AtomicInteger repeated = new AtomicInteger();
        ReadAhead a = ReadAhead.start(page(true, fresh), DayPageParser.create(), false, () -> false);
        ReadAhead b = ReadAhead.start(page(false, repeated), DayPageParser.create(), false, () -> false);
        try {
            int freshAhead = settled(fresh);
            int repeatedAhead = settled(repeated);
            assertThat(repeatedAhead)
                    .as("revisions read ahead when each repeats the last")
                    .isGreaterThan(freshAhead * 5);
        } finally {
            a.close();
            b.close();
        }
    }
}
