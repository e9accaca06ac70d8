package org.currents.wikitext;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import org.currents.testing.Fuzzing;

/**
 * Fuzzing the day-page parser (issue 12): markup-shaped and arbitrary strings, big enough to reach
 * the parser's limits, never make it throw or take unbounded time, and its result is always well
 * formed. Tries: {@code jqwik.tries.default}; see {@link Fuzzing}.
 */
class DayPageParserFuzzTest {
    private static final String TARGET = "day-page parser";
    private final DayPageParser parser = DayPageParser.create();

    @Provide
    Arbitrary<String> pages() {
        Arbitrary<String> markup = Arbitraries.of(ParserPropertiesTest.FRAGMENTS)
                .list()
                .ofMaxSize(400)
                .map(l -> String.join("", l));
        Arbitrary<String> deep = Arbitraries.of("{{", "[[", "<ref>", "<!--", "'''", "*", "<nowiki>")
                .flatMap(open -> Arbitraries.integers().between(1, 5_000).map(open::repeat));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, markup),
                net.jqwik.api.Tuple.of(3, Arbitraries.strings().ofMaxLength(2_000)),
                net.jqwik.api.Tuple.of(1, deep));
    }

    @Property
    void noPageMakesTheParserThrowOrHang(@ForAll("pages") String page) throws Exception {
        Fuzzing.timed(TARGET, () -> {
            ParseResult r = parser.parse(page);
            ParserPropertiesTest.assertWellFormed(r);
            assertThat(r.problemCount()).isGreaterThanOrEqualTo(r.problems().size());
        });
    }

    @AfterProperty
    void report() {
        Fuzzing.report(TARGET);
    }
}
