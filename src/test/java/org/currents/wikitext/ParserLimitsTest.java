package org.currents.wikitext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.currents.wikitext.Wikitext.CITE;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input from the issue (a 20 MB page, 1,000-deep bullets, unbalanced brackets) and
 * pathological input: the parser neither throws nor slows down more than linearly.
 */
class ParserLimitsTest {

    /** Input size of the small run; the large one is {@link #FACTOR} times bigger. */
    private static final int SIZE = 20_000;

    private static final int FACTOR = 16;

    /**
     * A pathological input.
     *
     * @param name what it is
     * @param page the page for about {@code n} characters
     */
    record Pathology(String name, IntFunction<String> page) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Pathology repeated(String unit) {
        return new Pathology(
                "\"" + unit.replace("\n", "\\n") + "\" repeated",
                n -> "* a " + unit.repeat(n / unit.length()) + " " + CITE);
    }

    private static Pathology raw(String unit) {
        return new Pathology(
                "\"" + unit.replace("\n", "\\n") + "\" repeated, alone", n -> unit.repeat(n / unit.length()));
    }

    static Stream<Pathology> pathologies() {
        return Stream.of(
                raw("{content="),
                raw("{{Current events|content="),
                raw("[["),
                raw("<!--"),
                raw("\n;"),
                raw("\n'''a'''"),
                raw("\n*"),
                repeated("[["),
                repeated("]]"),
                repeated("{{"),
                repeated("}}"),
                repeated("[[a|"),
                repeated("{{nowrap|"),
                repeated("<ref>"),
                repeated("</ref>"),
                repeated("<!--"),
                repeated("<nowiki>"),
                repeated("<gallery>"),
                repeated("<span>"),
                repeated("'''"),
                repeated("''a"),
                repeated("[http://x "),
                repeated("https://a.example/ "),
                repeated("&amp"),
                repeated("{content="),
                repeated("\n* [[x"),
                repeated("\n* {{x"),
                repeated("\n<!--"),
                new Pathology("nested links", n -> "* " + "[[a|".repeat(n / 6) + "b" + "]]".repeat(n / 6) + CITE),
                new Pathology(
                        "nested templates", n -> "* " + "{{nowrap|".repeat(n / 11) + "b" + "}}".repeat(n / 11) + CITE),
                new Pathology("nested File: captions", n -> "* " + "[[File:a|".repeat(n / 11) + "]]".repeat(n / 11)),
                new Pathology("template with many arguments", n -> "* {{frac" + "|1".repeat(n / 2) + "}} " + CITE),
                new Pathology(
                        "{{convert}} with many arguments", n -> "* {{convert" + "|1".repeat(n / 2) + "}} " + CITE),
                new Pathology("URL with many &", n -> "* a [http://a.example/?" + "&x".repeat(n / 2) + " (AP)]"),
                new Pathology("one bullet n deep", n -> "*".repeat(n) + " x " + CITE),
                new Pathology(
                        "many unclosed comments before the closing marker",
                        n -> "<!-- news items below this line -->\n"
                                + "* a <!--\n".repeat(n / 9)
                                + "<!-- All news items above this line -->"),
                new Pathology("many unclosed refs before a late close", n -> "* a <ref>\n".repeat(n / 10) + "</ref>"),
                new Pathology("lines nested 1 to 1000 deep", n -> {
                    StringBuilder sb = new StringBuilder(n + 100);
                    for (int k = 0; sb.length() < n; k++) {
                        sb.append("*".repeat(k % 1000 + 1))
                                .append(" x ")
                                .append(CITE)
                                .append('\n');
                    }
                    return sb.toString();
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pathologies")
    void parseTimeGrowsLinearly(Pathology p) {
        String small = p.page.apply(SIZE);
        String large = p.page.apply(SIZE * FACTOR);
        DayPageParser parser = DayPageParser.of(new DayPageParser.Settings(16, 100, 0));
        // cold runs, bounded so that a quadratic parser fails in seconds rather than minutes
        long first = cpuTime(parser, small);
        assertThat(first)
                .as("%s: %d chars took %.0f ms", p.name, small.length(), first / 1e6)
                .isLessThan(1_000_000_000L);
        String medium = p.page.apply(SIZE * 4);
        long second = cpuTime(parser, medium);
        assertThat(second)
                .as("%s: %d chars took %.0f ms (growing faster than linearly?)", p.name, medium.length(), second / 1e6)
                .isLessThan(2_000_000_000L);
        ParserPropertiesTest.assertWellFormed(parser.parse(large));
        for (int k = 0; k < 3; k++) {
            parser.parse(small);
        }

        long tSmall = Long.MAX_VALUE;
        long tLarge = Long.MAX_VALUE;
        for (int k = 0; k < 5; k++) {
            tSmall = Math.min(tSmall, cpuTime(parser, small));
            tLarge = Math.min(tLarge, cpuTime(parser, large));
        }

        // Linear is FACTOR times slower, quadratic FACTOR^2 = 256 times: the bound leaves 4x for
        // noise. CPU time of this thread, best of five, so that other processes (and the
        // collector's threads) do not count; a large run under 10 ms is linear whatever the
        // ratio (the small one is then mostly timer noise).
        double ratio = (double) tLarge / Math.max(tSmall, 1);
        System.out.printf(
                "linearity %-50s %7d chars %6.2f ms, %8d chars %7.2f ms, ratio %5.1f%n",
                p.name, small.length(), tSmall / 1e6, large.length(), tLarge / 1e6, ratio);
        assertThat(ratio < 4 * FACTOR || tLarge < 10_000_000L)
                .as(
                        "%s: %d chars took %.2f ms, %d chars %.2f ms (%.1fx)",
                        p.name, small.length(), tSmall / 1e6, large.length(), tLarge / 1e6, ratio)
                .isTrue();
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** CPU time of this thread to parse the page, in ns (wall time where not supported). */
    private static long cpuTime(DayPageParser parser, String page) {
        boolean cpu = THREADS.isCurrentThreadCpuTimeSupported();
        long t0 = cpu ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
        parser.parse(page);
        return (cpu ? THREADS.getCurrentThreadCpuTime() : System.nanoTime()) - t0;
    }

    @Test
    void readsATwentyMegabytePage() {
        String day = Wikitext.fixture("layouts/2021-bold-headings.wiki");
        String region = day.substring(day.indexOf("'''Armed"), day.indexOf("<!-- All news items above"));
        int copies = 20_000_000 / region.length() + 1;
        String page = "<!-- All news items below this line -->\n" + region.repeat(copies)
                + "<!-- All news items above this line -->";

        ParseResult r = DayPageParser.create().parse(page);

        assertThat(page.length()).isGreaterThan(20_000_000);
        assertThat(r.events()).hasSize(2 * copies);
        assertThat(r.events().get(2 * copies - 1).position()).isEqualTo(2 * copies);
        assertThat(r.problems()).isEmpty();
    }

    @Test
    void clampsAThousandDeepBulletWithOneProblem() {
        StringBuilder page = new StringBuilder();
        for (int depth = 1; depth <= 1000; depth++) {
            page.append("*".repeat(depth))
                    .append(" Level ")
                    .append(depth)
                    .append(". ")
                    .append(CITE)
                    .append('\n');
        }

        ParseResult r = DayPageParser.create().parse(page.toString());

        assertThat(r.events()).hasSize(1000);
        assertThat(r.events().get(15).stories()).hasSize(15);
        // from depth 16 on every bullet is read as 16 deep: a sibling of the one before
        assertThat(r.events().get(999).stories()).hasSize(15).endsWith("Level 15.");
        assertThat(Wikitext.problems(r))
                .containsExactly("17:1: bullet nested 17 deep, deeper than maxDepth 16: read as 16 deep");
    }

    @Test
    void readsAPageOfUnbalancedBracketsWithBoundedProblems() {
        String page = ("* A [[ruling {{ here [[ and {{ there. " + CITE + "\n").repeat(10_000);

        ParseResult r = DayPageParser.create().parse(page);

        assertThat(r.events()).hasSize(10_000);
        assertThat(r.events().get(0).text()).isEqualTo("A [[ruling {{ here [[ and {{ there.");
        assertThat(r.problems()).hasSize(100);
        assertThat(r.problemCount()).isEqualTo(40_000);
    }

    @Test
    void readsDeeplyNestedLinksAndTemplatesWithoutExhaustingTheStack() {
        String links = "* " + "[[a|".repeat(20_000) + "b" + "]]".repeat(20_000) + " " + CITE;
        String templates = "* " + "{{nowrap|".repeat(20_000) + "b" + "}}".repeat(20_000) + " " + CITE;

        ParseResult fromLinks = DayPageParser.create().parse(links);
        ParseResult fromTemplates = DayPageParser.create().parse(templates);

        assertThat(fromLinks.events()).hasSize(1);
        assertThat(fromTemplates.events()).hasSize(1);
        assertThat(Wikitext.problems(fromLinks)).singleElement().asString().endsWith(NESTED);
        assertThat(Wikitext.problems(fromTemplates)).singleElement().asString().endsWith(NESTED);
    }

    private static final String NESTED = ": markup nested deeper than 40: shown as text";

    @Test
    void showsMarkupNestedDeeperThanFortyAsText() {
        // the 40th template's argument is shown as written: MediaWiki stops at 40 too
        ParseResult r = Wikitext.parse("* " + "{{nowrap|".repeat(42) + "b" + "}}".repeat(42) + " " + CITE);

        assertThat(r.events().get(0).text()).isEqualTo("{{nowrap|{{nowrap|b}}}}");
        assertThat(Wikitext.problems(r)).containsExactly("1:" + (3 + 39 * 9 + 9) + NESTED);
    }
}
