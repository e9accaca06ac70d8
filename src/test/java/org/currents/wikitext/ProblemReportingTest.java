package org.currents.wikitext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.currents.wikitext.Wikitext.CITE;
import static org.currents.wikitext.Wikitext.parse;
import static org.currents.wikitext.Wikitext.problems;

import org.currents.model.ParsedEvent;
import org.junit.jupiter.api.Test;

/** Messy wikitext is recorded as problems at the right line and column, and reading goes on. */
class ProblemReportingTest {

    @Test
    void countsLinesThroughMultiLineCommentsAndRefs() {
        ParseResult r = parse(
                "<!-- All news items below this line -->",
                "<!-- a comment",
                "over three",
                "lines -->",
                "* A {{Frob}} ruling.<ref>a ref",
                "over two lines</ref> " + CITE,
                "* B {{Frob}} ruling. " + CITE,
                "<!-- All news items above this line -->");

        assertThat(r.events()).extracting(ParsedEvent::line).containsExactly(5, 7);
        assertThat(problems(r))
                .containsExactly(
                        "5:5: template {{frob}} is not known: dropped", "7:5: template {{frob}} is not known: dropped");
    }

    @Test
    void unclosedCommentHidesOnlyTheRestOfItsLine() {
        // MediaWiki hides the rest of the page; currents hides the line, says so, and reads on
        // (SPEC.md, "Reading a page": never drop events silently)
        ParseResult r = parse("* A ruling. " + CITE, "* B ruling <!-- oops " + CITE, "* C ruling. " + CITE);

        assertThat(r.events()).extracting(ParsedEvent::text).containsExactly("A ruling.", "C ruling.");
        assertThat(problems(r)).containsExactly("2:12: unclosed <!-- comment: hidden to the end of its line only");
    }

    @Test
    void unclosedCommentBeforeTheClosingMarkerIsNotClosedByTheMarker() {
        ParseResult r = parse(
                "<!-- All news items below this line -->",
                "* A <!-- oops",
                "* B ruling. " + CITE,
                "<!-- All news items above this line -->");

        assertThat(r.events()).extracting(ParsedEvent::text).containsExactly("B ruling.");
        assertThat(problems(r)).containsExactly("2:5: unclosed <!-- comment: hidden to the end of its line only");
    }

    @Test
    void unclosedRefDropsTheTagAndKeepsTheText() {
        ParseResult r = parse("* A ruling.<ref>note " + CITE, "* B ruling. " + CITE);

        assertThat(r.events()).extracting(ParsedEvent::text).containsExactly("A ruling.note", "B ruling.");
        assertThat(problems(r)).containsExactly("1:12: unclosed <ref>: tag dropped, text after it kept");
    }

    @Test
    void unbalancedBracketsShowAsText() {
        ParseResult r = parse("* A [[ruling {{ here. " + CITE, "* B ruling. " + CITE);

        assertThat(r.events()).extracting(ParsedEvent::text).containsExactly("A [[ruling {{ here.", "B ruling.");
        assertThat(problems(r)).containsExactly("1:5: unclosed [[: shown as text", "1:14: unclosed {{: shown as text");
    }

    @Test
    void keepsTheFirstProblemsAndCountsTheRest() {
        String page = ("* A {{Frob}} ruling. " + CITE + "\n").repeat(10);

        ParseResult r =
                DayPageParser.of(new DayPageParser.Settings(16, 3, 50_000)).parse(page);

        assertThat(problems(r))
                .containsExactly(
                        "1:5: template {{frob}} is not known: dropped",
                        "2:5: template {{frob}} is not known: dropped",
                        "3:5: template {{frob}} is not known: dropped");
        assertThat(r.problemCount()).isEqualTo(10);
        assertThat(r.events()).hasSize(10);
    }

    @Test
    void problemsOnCachedLinesAreReportedAgainOnTheirOwnLine() {
        DayPageParser parser = DayPageParser.create();
        String line = "* A {{Frob}} ruling. " + CITE;

        parser.parse(line);
        ParseResult second = parser.parse("\n" + line);

        assertThat(problems(second)).containsExactly("2:5: template {{frob}} is not known: dropped");
    }

    @Test
    void problemColumnsCountFromTheLineStartAfterContent() {
        ParseResult r = parse("{{Current events|year=2002|content=* A {{Frob}} ruling. " + CITE, "}}");

        assertThat(problems(r)).containsExactly("1:40: template {{frob}} is not known: dropped");
    }
}
