package org.currents.wikitext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.currents.wikitext.Wikitext.event;
import static org.currents.wikitext.Wikitext.source;

import java.util.List;
import org.currents.model.ParsedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every era's page layout yields the same two events: the fixtures in {@code
 * src/test/resources/wikitext/layouts/} hold the same news in each layout (and decoy bullets
 * outside the markers where a page has markers).
 */
class PageLayoutTest {
    private static final String ARMED = "Armed conflicts and attacks";
    private static final String DISASTERS = "Disasters and accidents";

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            nullValues = "-",
            value = {
                "2002-content-with-markers.wiki               | -     | -         | 4 | 5",
                "2002-content-on-the-template-line.wiki       | -     | -         | 2 | 3",
                "2002-content-closed-on-the-last-bullet.wiki  | -     | -         | 3 | 4",
                "2005-header-and-footer.wiki                  | -     | -         | 4 | 5",
                "2005-header-and-footer-without-markers.wiki  | -     | -         | 4 | 5",
                "2005-table-with-markers.wiki                 | armed | disasters | 7 | 10",
                "2005-table-without-markers.wiki              | armed | disasters | 6 | 9",
                "2010-marker-then-content.wiki                | armed | disasters | 5 | 8",
                "2017-content-then-marker.wiki                | armed | disasters | 6 | 8",
                "2019-content-without-markers.wiki            | armed | disasters | 4 | 6",
                "2021-bold-headings.wiki                      | armed | disasters | 6 | 9",
                "2026-top-and-bottom.wiki                     | armed | disasters | 6 | 9",
                "2026-top-and-bottom-without-markers.wiki     | armed | disasters | 4 | 7",
            })
    void readsTheSameEventsInEveryLayout(String file, String armed, String disasters, int lineA, int lineB) {
        ParseResult r = DayPageParser.create().parse(Wikitext.fixture("layouts/" + file));

        assertThat(r.events())
                .containsExactly(
                        event("Russia, Iran and Turkey agree on four safe zones in Syria.")
                                .category(armed == null ? "" : ARMED)
                                .stories("Syrian civil war")
                                .links("Syria")
                                .sources(source("http://www.reuters.com/a", "Reuters"))
                                .at(1, lineA)
                                .sourced(),
                        event("A magnitude 6.1 earthquake strikes Chile.")
                                .category(disasters == null ? "" : DISASTERS)
                                .links("Chile")
                                .sources(source("https://www.bbc.com/news/b", "BBC"))
                                .at(2, lineB)
                                .sourced());
        assertThat(r.problems()).isEmpty();
    }

    @Test
    void readsToTheEndWhenTheClosingMarkerIsMissing() {
        ParseResult r = Wikitext.parse(
                "* Outside. [http://x.example/1 (X)]",
                "<!-- All news items below this line -->",
                "* Inside. [http://x.example/2 (X)]",
                "}}");

        assertThat(r.events()).extracting(ParsedEvent::text).containsExactly("Inside.");
        assertThat(Wikitext.problems(r))
                .containsExactly("2:1: no \"All news items above this line\" marker: read to the end of the page");
    }

    @Test
    void readsMarkersInAnyCase() {
        ParseResult r = Wikitext.parse(
                "* Outside. [http://x.example/1 (X)]",
                "<!-- all news items BELOW this line -->",
                "* Inside. [http://x.example/2 (X)]",
                "<!--All news items above this line-->",
                "* Outside again. [http://x.example/3 (X)]");

        assertThat(r.events()).extracting(ParsedEvent::text).containsExactly("Inside.");
    }

    @Test
    void relyOnTheMarkersNotOnContentWhichAStrayBraceClosesEarly() {
        // SPEC.md, "Reading a page": a stray }} closes content= early for template-based readers
        ParseResult r = Wikitext.parse(
                "{{Current events|year=2017|month=05|day=5|content=",
                "<!-- All news items below this line -->",
                "* A stray brace }} here. [http://x.example/1 (X)]",
                "* Later news. [http://x.example/2 (X)]",
                "<!-- All news items above this line -->",
                "}}");

        assertThat(r.events()).extracting(ParsedEvent::text).containsExactly("A stray brace }} here.", "Later news.");
    }

    @Test
    void emptyAndBlankPagesHaveNoEvents() {
        assertThat(DayPageParser.create().parse("")).isEqualTo(new ParseResult(List.of(), List.of(), 0));
        assertThat(DayPageParser.create().parse(null).events()).isEmpty();
        assertThat(DayPageParser.create().parse(" \n\n\t\n").events()).isEmpty();
    }
}
