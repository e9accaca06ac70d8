package org.currents.wikitext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.currents.wikitext.Wikitext.CITE;
import static org.currents.wikitext.Wikitext.CITED;
import static org.currents.wikitext.Wikitext.event;
import static org.currents.wikitext.Wikitext.onlyEvent;
import static org.currents.wikitext.Wikitext.parse;
import static org.currents.wikitext.Wikitext.source;

import java.util.List;
import org.currents.model.ParsedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Lines: category headings, bullets and their nesting, and which bullets are events. */
class LineStructureTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                ";Armed conflicts and attacks              | Armed conflicts and attacks",
                ";Armed conflict and attacks               | Armed conflicts and attacks",
                "; Armed conflicts & attacks               | Armed conflicts and attacks",
                ";Disasters & accidents                    | Disasters and accidents",
                ";Law and crime:                           | Law and crime",
                ";Sports: results below                    | Sports",
                "'''Law and crime'''                       | Law and crime",
                "\"'''Law and crime''' \"                  | Law and crime",
                "'''Armed conflict and attacks'''          | Armed conflicts and attacks",
                "'''[[Politics and elections]]'''          | Politics and elections",
                ";'''Science and technology'''             | Science and technology",
                "== Sports ==                              | Sports",
                "===Business and economy===                | Business and economy",
            })
    void readsTheCategoryHeadingInItsCanonicalSpelling(String heading, String category) {
        ParsedEvent e = onlyEvent(heading, "* A ruling. " + CITE);

        assertThat(e.category()).isEqualTo(category);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "'''Breaking:''' a ruling [http://x.example (X)]",
                "'''A''' and '''B'''",
                "''Law and crime''",
                "A paragraph of text.",
            })
    void doesNotReadOtherLinesAsHeadings(String line) {
        ParsedEvent e = onlyEvent(";Sports", line, "* A ruling. " + CITE);

        assertThat(e.category()).isEqualTo("Sports");
    }

    @Test
    void pageWithoutHeadingsHasNoCategory() {
        assertThat(onlyEvent("* A ruling. " + CITE).category()).isEmpty();
    }

    @Test
    void eachHeadingStartsANewCategoryAndEndsTheStories() {
        List<ParsedEvent> events = parse(
                        ";Armed conflicts and attacks",
                        "*[[Syrian civil war]]",
                        "** Fighting resumes. " + CITE,
                        ";Sports",
                        "** A match is played. " + CITE)
                .events();

        assertThat(events)
                .containsExactly(
                        event("Fighting resumes.")
                                .category("Armed conflicts and attacks")
                                .stories("Syrian civil war")
                                .sources(CITED)
                                .at(1, 3)
                                .sourced(),
                        event("A match is played.")
                                .category("Sports")
                                .sources(CITED)
                                .at(2, 5)
                                .sourced());
    }

    @Test
    void nestsBulletsOneToFiveDeep() {
        List<ParsedEvent> events = parse(
                        "'''Armed conflicts and attacks'''",
                        "*[[Middle Eastern crisis (2023–present)|Middle Eastern crisis]]",
                        "**[[2026 Iran war]]",
                        "***[[2026 Strait of Hormuz crisis]]",
                        "****[[2026 Strait of Hormuz campaign]]",
                        "*****''[[Axios (website)|Axios]]'' reports a new lane. " + CITE,
                        "****A tanker is seized. " + CITE,
                        "**A ceasefire is proposed. " + CITE,
                        "*A bomb explodes. " + CITE)
                .events();

        assertThat(events)
                .extracting(ParsedEvent::stories)
                .containsExactly(
                        List.of(
                                "Middle Eastern crisis",
                                "2026 Iran war",
                                "2026 Strait of Hormuz crisis",
                                "2026 Strait of Hormuz campaign"),
                        List.of("Middle Eastern crisis", "2026 Iran war", "2026 Strait of Hormuz crisis"),
                        List.of("Middle Eastern crisis"),
                        List.of());
        assertThat(events).extracting(ParsedEvent::position).containsExactly(1, 2, 3, 4);
        assertThat(events).extracting(ParsedEvent::line).containsExactly(6, 7, 8, 9);
    }

    @Test
    void depthJumpHangsTheBulletOnTheNearestShallowerOne() {
        List<ParsedEvent> events = parse(
                        "*[[Topic]]",
                        "***Three deep under one. " + CITE,
                        "**[[Subtopic]]",
                        "****Four deep under two. " + CITE)
                .events();

        assertThat(events)
                .extracting(ParsedEvent::stories)
                .containsExactly(List.of("Topic"), List.of("Topic", "Subtopic"));
    }

    @Test
    void storyLineWithAColonGivesTheTitleWithoutIt() {
        ParsedEvent e = onlyEvent("* [[2004 Indian Ocean earthquake]]: ", "** A relief camp opens. " + CITE);

        assertThat(e.stories()).containsExactly("2004 Indian Ocean earthquake");
    }

    @Test
    void storyTitleIsTheShownTextOfAPipedLink() {
        ParsedEvent e = onlyEvent("*[[Afghan National Police|Afghan police]] and [[Taliban]]", "** Clashes. " + CITE);

        assertThat(e.stories()).containsExactly("Afghan police and Taliban");
    }

    @Test
    void topicLineWithItsOwnEventIsOneEventWithoutStory() {
        ParsedEvent e = onlyEvent("* [[September 11 attacks]]: Photographs are restored. " + CITE);

        assertThat(e)
                .isEqualTo(event("September 11 attacks: Photographs are restored.")
                        .links("September 11 attacks")
                        .sources(CITED)
                        .sourced());
    }

    @Test
    void sourcedStoryBulletIsAnEventAndAStory() {
        List<ParsedEvent> events = parse("* A summit opens. " + CITE, "** A deal is signed. " + CITE)
                .events();

        assertThat(events)
                .containsExactly(
                        event("A summit opens.").sources(CITED).sourced(),
                        event("A deal is signed.")
                                .stories("A summit opens.")
                                .sources(CITED)
                                .at(2, 2)
                                .sourced());
    }

    @Test
    void sentenceBulletWithoutSourceIsAnUnsourcedEvent() {
        // 2002 July 1: the earliest pages cite nothing
        ParsedEvent e = onlyEvent("* A Russian [[Tupolev Tu-154]] airliner and a [[Boeing 757]] collide.");

        assertThat(e)
                .isEqualTo(event("A Russian Tupolev Tu-154 airliner and a Boeing 757 collide.")
                        .links("Tupolev Tu-154", "Boeing 757")
                        .unsourced());
    }

    @Test
    void shortSentenceWithAFullStopIsAnUnsourcedEvent() {
        assertThat(onlyEvent("* Storms hit [[Chile]].").unsourced()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "* [[Topic]]",
                "* [[Topic]]:",
                "*[[Gaza peace plan]], [[Qatar as a mediator in conflict]]",
                "* Syrian civil war",
                "* [[Iraq]] and [[Iran]]",
                "*",
                "* ''  ''",
            })
    void bareTopicOrFragmentWithoutSourceIsNoEvent(String line) {
        assertThat(parse(line).events()).isEmpty();
    }

    @Test
    void sentenceBulletWithChildrenIsAStoryNotAnUnsourcedEvent() {
        List<ParsedEvent> events = parse("* Fighting continues in the north.", "** A town is taken. " + CITE)
                .events();

        assertThat(events)
                .containsExactly(event("A town is taken.")
                        .stories("Fighting continues in the north.")
                        .sources(CITED)
                        .at(1, 2)
                        .sourced());
    }

    @Test
    void numberedItemsAreBulletsToo() {
        List<ParsedEvent> events =
                parse("# First ruling. " + CITE, "## Second ruling. " + CITE).events();

        assertThat(events).extracting(ParsedEvent::stories).containsExactly(List.of(), List.of("First ruling."));
    }

    @Test
    void citedTextOutsideAnyBulletIsNoEventButAProblem() {
        ParseResult r = parse("A paragraph with a source. " + CITE);

        assertThat(r.events()).isEmpty();
        assertThat(Wikitext.problems(r))
                .containsExactly("1:1: text with a cited source outside any bullet: not read as an event");
    }

    @Test
    void numbersEventsInPageOrderAndKeepsTheirLines() {
        List<ParsedEvent> events = parse(
                        "* [[Topic]]",
                        "",
                        "** One happens. [http://a.example/1 (A)]",
                        "** Two happens.",
                        "* Three happens. [http://a.example/3 (C)]")
                .events();

        assertThat(events)
                .containsExactly(
                        event("One happens.")
                                .stories("Topic")
                                .sources(source("http://a.example/1", "A"))
                                .at(1, 3)
                                .sourced(),
                        event("Two happens.").stories("Topic").at(2, 4).unsourced(),
                        event("Three happens.")
                                .sources(source("http://a.example/3", "C"))
                                .at(3, 5)
                                .sourced());
    }

    @Test
    void bulletContinuedOnTheNextLinesByAnOpenTemplateIsOneEvent() {
        List<ParsedEvent> events = parse(
                        "* A ruling. {{cite news",
                        " |url=https://news.example/c",
                        " |work=Reuters}} More.",
                        "* Next. " + CITE)
                .events();

        assertThat(events)
                .containsExactly(
                        event("A ruling. More.")
                                .sources(source("https://news.example/c", "Reuters"))
                                .sourced(),
                        event("Next.").sources(CITED).at(2, 4).sourced());
    }

    @Test
    void colonAfterTheStarsContinuesTheBullet() {
        assertThat(onlyEvent("*: A ruling. " + CITE).text()).isEqualTo("A ruling.");
    }
}
