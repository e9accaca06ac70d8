package org.currents.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import org.currents.model.Revision;
import org.currents.model.WikiPage;
import org.currents.source.Sha1;
import org.currents.store.PageState;
import org.currents.store.PageUpdate;
import org.currents.testing.Fuzzing;
import org.currents.wikitext.DayPageParser;
import org.currents.wikitext.ParseResult;

/**
 * Fuzzing the version tracker (issue 12): histories of a page drawn from a few versions of a few
 * events, so that reverts, reverts of reverts, blankings, hidden texts, equal and out-of-order
 * timestamps and duplicate digests all come up. The tracker never throws or hangs, and what it
 * hands the store refers only to revisions it was given. Tries: {@code jqwik.tries.default}; see
 * {@link Fuzzing}.
 */
class VersionTrackerFuzzTest {
    private static final String TARGET = "version tracker";
    private static final WikiPage PAGE = new WikiPage("Portal:Current events/2017 July 9", LocalDate.of(2017, 7, 9), 1);
    private static final List<String> LINES = List.of(
            "*The parliament of [[Freedonia]] passes a budget. [http://a.example/1 (A)]",
            "*The parliament of [[Freedonia]] passes the budget at night. [http://a.example/1 (A)]",
            "*A ferry capsizes off [[Sylvania]]. [http://b.example/2 (B)]",
            "*A ferry capsizes off [[Sylvania]], killing 12. [http://b.example/2 (B)] [http://c.example/3 (C)]",
            "*Scientists find a frog. [http://c.example/3 (C)]",
            "*LOL STUPID [http://a.example/1 (A)]",
            "*hi mom",
            ";Politics",
            ";Disasters",
            "");

    private final DayPageParser parser = DayPageParser.create();

    /** One edit: which lines the page has, how far in time it comes, and what is hidden. */
    record Edit(List<Integer> lines, int minutes, boolean hidden, boolean blankSha1) {}

    @Provide
    Arbitrary<List<Edit>> histories() {
        Arbitrary<Edit> edit = Combinators.combine(
                        Arbitraries.integers()
                                .between(0, LINES.size() - 1)
                                .list()
                                .ofMaxSize(8),
                        Arbitraries.frequency(
                                net.jqwik.api.Tuple.of(8, 1),
                                net.jqwik.api.Tuple.of(1, 0),
                                net.jqwik.api.Tuple.of(1, -30)),
                        Arbitraries.of(false, false, false, true),
                        Arbitraries.of(false, false, false, true))
                .as(Edit::new);
        // a history that goes back to earlier texts often: those are the reverts
        return edit.list().ofMaxSize(25).map(VersionTrackerFuzzTest::withReverts);
    }

    private static List<Edit> withReverts(List<Edit> edits) {
        List<Edit> out = new ArrayList<>();
        for (int i = 0; i < edits.size(); i++) {
            Edit e = edits.get(i);
            if (i >= 2 && e.lines().size() % 3 == 0) {
                Edit back = out.get(e.lines().size() % out.size());
                out.add(new Edit(back.lines(), e.minutes(), e.hidden(), e.blankSha1()));
            } else {
                out.add(e);
            }
        }
        return out;
    }

    @Property
    void noHistoryMakesTheTrackerThrowOrHang(@ForAll("histories") List<Edit> history) throws Exception {
        Fuzzing.timed(TARGET, () -> {
            VersionTracker tracker = new VersionTracker(emptyState());
            Set<Long> given = new HashSet<>();
            Instant at = Instant.parse("2017-07-09T00:00:00Z");
            long id = 1000;
            for (Edit e : history) {
                at = at.plusSeconds(60L * e.minutes());
                String text = text(e.lines());
                ParseResult parsed = parser.parse(text);
                String sha1 = e.blankSha1() || e.hidden() ? "" : Sha1.of(text);
                Revision r = new Revision(++id, id - 1, at, "Ed", "", sha1, e.hidden() ? "" : text, e.hidden());
                given.add(r.id());
                tracker.add(
                        r, e.hidden() ? List.of() : parsed.events(), parsed.problems(), parsed.problemCount(), false);
            }
            PageUpdate u = tracker.update();
            assertThat(u.observations()).allSatisfy(o -> assertThat(given).contains(o.revisionId()));
            assertThat(u.revertedFlags().keySet())
                    .allSatisfy(rid -> assertThat(given).contains(rid));
            assertThat(tracker.addedVersions()).isNotNegative();
            assertThat(tracker.createdEvents()).isNotNegative();
        });
    }

    private static PageState emptyState() {
        return new PageState(1, PAGE, List.of(), List.of(), Map.of(), List.of(), Map.of(), Set.of());
    }

    private static String text(List<Integer> lines) {
        StringBuilder b = new StringBuilder("<!-- All news items below this line -->\n");
        for (int i : lines) {
            b.append(LINES.get(i)).append('\n');
        }
        return b.append("<!-- All news items above this line -->\n").toString();
    }

    @AfterProperty
    void report() {
        Fuzzing.report(TARGET);
    }
}
