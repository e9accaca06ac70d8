package org.currents.wikitext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.currents.wikitext.Wikitext.CITE;
import static org.currents.wikitext.Wikitext.CITED;
import static org.currents.wikitext.Wikitext.source;

import java.util.List;
import java.util.stream.Stream;
import org.currents.model.ParsedEvent;
import org.currents.model.Source;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What one bullet's inline markup becomes: a table of constructs, each a bullet body with the
 * exact text, links and sources expected, and no problem recorded unless the row says so.
 */
class InlineRenderingTest {

    /**
     * One construct.
     *
     * @param construct what the row shows (the test's display name)
     * @param body the bullet's wikitext after "* "
     * @param text the expected plain text
     * @param links the expected normalised link targets
     * @param sources the expected sources
     * @param problems the expected problems, "line:column: message"
     */
    record Row(
            String construct,
            String body,
            String text,
            List<String> links,
            List<Source> sources,
            List<String> problems) {
        @Override
        public String toString() {
            return construct;
        }
    }

    /** A row whose body ends with {@link Wikitext#CITE} and whose only source is that one. */
    private static Row cited(String construct, String body, String text, String... links) {
        return new Row(construct, body + " " + CITE, text, List.of(links), List.of(CITED), List.of());
    }

    private static Row row(String construct, String body, String text, List<String> links, Source... sources) {
        return new Row(construct, body, text, links, List.of(sources), List.of());
    }

    private static Row withProblem(Row r, String... problems) {
        return new Row(r.construct, r.body, r.text, r.links, r.sources, List.of(problems));
    }

    static Stream<Row> wikilinks() {
        return Stream.of(
                cited("plain link", "[[Iraq]] votes", "Iraq votes", "Iraq"),
                cited(
                        "piped link",
                        "[[Democratic Union Party (Syria)|Kurdish PYD]] rejects",
                        "Kurdish PYD rejects",
                        "Democratic Union Party (Syria)"),
                cited(
                        "section link",
                        "10 million [[Barrel (unit)#Oil barrels|barrels of oil]]",
                        "10 million barrels of oil",
                        "Barrel (unit)"),
                cited(
                        "underscores and #fragment",
                        "[[Grok_(chatbot)#Sexual_deepfake_generation_on_X|Sexual deepfakes]] spread",
                        "Sexual deepfakes spread",
                        "Grok (chatbot)"),
                cited(
                        "unpiped section link shows the whole target",
                        "[[Mining in Afghanistan#Gold]]",
                        "Mining in Afghanistan#Gold",
                        "Mining in Afghanistan"),
                cited("link to a section of the same page", "see [[#Sports|below]]", "see below"),
                cited(
                        "first letter upper-cased in the target only",
                        "[[money laundering]] charges",
                        "money laundering charges",
                        "Money laundering"),
                cited("link trail", "two [[Iraq]]i civilians", "two Iraqi civilians", "Iraq"),
                cited("link trail after a piped link", "[[Islamism|Islamist]]s", "Islamists", "Islamism"),
                cited(
                        "pipe trick",
                        "the [[Kurdistan Workers' Party (militant group)|]] says",
                        "the Kurdistan Workers' Party says",
                        "Kurdistan Workers' Party (militant group)"),
                cited("entity in a target", "a [[Boeing&nbsp;757]] lands", "a Boeing 757 lands", "Boeing 757"),
                cited(
                        "invisible characters in a target",
                        "[[money\u200E laundering\u200B]] charges",
                        "money laundering charges",
                        "Money laundering"),
                cited(
                        "italic inside a label",
                        "[[USS San Francisco (SSN-711)|USS ''San Francisco'']] runs aground",
                        "USS San Francisco runs aground",
                        "USS San Francisco (SSN-711)"),
                cited(
                        "File: link with a caption and a link in it",
                        "[[File:Flag of Chile.svg|20px|thumb|The [[flag of Chile]]]] Chile votes",
                        "Chile votes"),
                cited("Image: link", "[[Image:Quake.jpg|right|100px]] A quake", "A quake"),
                cited("Category: link shows nothing", "Wars end[[Category:Wars]]", "Wars end"),
                cited(
                        "[[:Category:X]] shows its title and is not a topic",
                        "see [[:Category:Wars]]",
                        "see Category:Wars"),
                cited("interwiki prefixes are not topics", "a [[wikt:coup|coup]] fails", "a coup fails"));
    }

    static Stream<Row> templates() {
        return Stream.of(
                cited("{{nowrap}}", "in {{nowrap|New York City}} today", "in New York City today"),
                cited(
                        "{{nowrap}} with a link inside",
                        "{{nowrap|[[Kharkiv Oblast]]}} is hit",
                        "Kharkiv Oblast is hit",
                        "Kharkiv Oblast"),
                cited("{{lang}}", "the {{lang|fr|Assemblée nationale}} votes", "the Assemblée nationale votes"),
                cited(
                        "{{lang}} with numbered parameters",
                        "the {{lang|1=de|2=Bundestag}} votes",
                        "the Bundestag votes"),
                cited("{{convert}}", "up to {{convert|26|in|cm}} of snow", "up to 26 inches (66 cm) of snow"),
                cited("{{convert}} abbreviated", "a {{convert|5|km|mi|abbr=on}} queue", "a 5 km (3.1 mi) queue"),
                cited("{{cvt}}", "a {{cvt|100|km/h|mph}} wind", "a 100 km/h (62 mph) wind"),
                cited("{{convert}} of a range", "{{convert|10|-|20|kg|lb}} bags", "10–20 kilograms (22–44 lb) bags"),
                cited("{{M|w|6.9}}", "A {{M|w|6.9}} earthquake", "A Mw 6.9 earthquake"),
                cited("{{flagicon}} shows nothing", "{{flagicon|France}} France votes", "France votes"),
                cited("{{flag}} shows the country and links it", "{{flag|Chile}} votes", "Chile votes", "Chile"),
                cited("{{nbsp}} and {{snd}}", "Paris{{nbsp}}Saint{{snd}}Germain", "Paris Saint – Germain"),
                cited("{{formatnum:}}", "{{formatnum:1234567}} people", "1,234,567 people"),
                cited("template name with Template: prefix", "{{Template:Nowrap|a b}} c", "a b c"),
                cited("template name with underscores", "a{{Dead_link}} b", "a b"),
                new Row(
                        "{{Dead link}} after a citation",
                        "A ruling. [http://www.itar-tass.com/eng/a.html (ITAR-TASS)] {{Dead link|date=May 2020}}",
                        "A ruling.",
                        List.of(),
                        List.of(source("http://www.itar-tass.com/eng/a.html", "ITAR-TASS")),
                        List.of()),
                new Row(
                        "{{Webarchive}} after a citation",
                        "A ruling. [http://old.example/a (AP)] {{Webarchive|url=https://web.archive.org/web/2008/"
                                + "http://old.example/a|date=2008-10-10}}",
                        "A ruling.",
                        List.of(),
                        List.of(source("http://old.example/a", "AP")),
                        List.of()),
                new Row(
                        "{{cite news}} is a source",
                        "A ruling. {{cite news|url=https://news.example/c|work=''The Times''|title=T}}",
                        "A ruling.",
                        List.of(),
                        List.of(source("https://news.example/c", "The Times")),
                        List.of()),
                withProblem(
                        cited("unknown template: dropped, with a problem", "A {{Frobnicate|x}} ruling", "A ruling"),
                        "1:5: template {{frobnicate}} is not known: dropped"),
                withProblem(
                        cited(
                                "{{convert}} of an unknown unit: shown unconverted",
                                "{{convert|3|furlong}} away",
                                "3 furlong away"),
                        "1:3: {{convert}} with unit \"furlong\" not known: shown unconverted"));
    }

    static Stream<Row> tagsAndComments() {
        return Stream.of(
                cited("<ref>", "A ruling.<ref>[http://ref.example/r Ref]</ref> More", "A ruling. More"),
                cited("named self-closing <ref/>", "A ruling.<ref name=\"a\" /> More", "A ruling. More"),
                cited("named <ref> with an unquoted name", "A ruling.<ref name=b>x</ref> More", "A ruling. More"),
                cited("<REF> in capitals", "A ruling.<REF>x</REF> More", "A ruling. More"),
                cited("comment", "A ruling<!-- (says who?) --> passes", "A ruling passes"),
                new Row(
                        "comment hiding an old source",
                        "A ruling. <!-- [http://old.example/a (Old)] --> [http://new.example/b (New)]",
                        "A ruling.",
                        List.of(),
                        List.of(source("http://new.example/b", "New")),
                        List.of()),
                cited("<br>", "one<br>two<br/>three<br />four", "one two three four"),
                cited(
                        "HTML formatting tags",
                        "<small>small</small> <sup>2</sup> <span style=\"x\">s</span>",
                        "small 2 s"),
                cited("unknown tag-like text stays", "a <foo> b", "a <foo> b"),
                cited(
                        "<nowiki>",
                        "<nowiki>[[not a link]] {{not|a}} ''x''</nowiki> end",
                        "[[not a link]] {{not|a}} ''x'' end"),
                cited("<nowiki/> between apostrophes", "l'<nowiki/>''x''", "l'x"),
                cited("<nowiki> over two lines is one line", "<nowiki>a\nb</nowiki> c", "a b c"),
                cited("<gallery> content", "A<gallery>File:A.jpg|a</gallery> B", "A B"));
    }

    static Stream<Row> quotesEntitiesAndSpaces() {
        return Stream.of(
                cited("''italic''", "''Axios'' reports", "Axios reports"),
                cited("'''bold'''", "'''Breaking''' news", "Breaking news"),
                cited("'''''bold italic'''''", "'''''Big''''' news", "Big news"),
                cited("'''' is an apostrophe and bold", "the ''''90s'''' decade", "the '90s' decade"),
                cited("possessive ''Le Monde'''s", "''Le Monde'''s report", "Le Monde's report"),
                cited("possessive '''x''''s", "'''Reuters''''s report", "Reuters's report"),
                cited("lone apostrophe", "Sana'a holds", "Sana'a holds"),
                cited("&nbsp;", "35,000&nbsp;ft up", "35,000 ft up"),
                cited("named, decimal and hex entities", "&amp; &lt; &eacute; &#8211; &#x2014;", "& < é – —"),
                cited("not an entity", "AT&T &bogus; &#xZZ; & co", "AT&T &bogus; &#xZZ; & co"),
                cited(
                        "zero-width and invisible characters",
                        "laun\u00ADdering \u200Cand\u200B the\u200D\u2060\uFEFF end\u200E",
                        "laundering and the end"),
                cited("tabs and runs of spaces", "a\t\tb    c", "a b c"));
    }

    static Stream<Row> externalLinks() {
        return Stream.of(
                row(
                        "labelled citation",
                        "A quake. [https://www.bbc.com/news/1 (BBC)]",
                        "A quake.",
                        List.of(),
                        source("https://www.bbc.com/news/1", "BBC")),
                row(
                        "two citations, in order",
                        "A quake. [https://a.example/1 (AP)] [http://b.example/2 (Reuters)]",
                        "A quake.",
                        List.of(),
                        source("https://a.example/1", "AP"),
                        source("http://b.example/2", "Reuters")),
                row(
                        "italic outlet",
                        "A quake. [https://a.example/1 (''The Guardian'')]",
                        "A quake.",
                        List.of(),
                        source("https://a.example/1", "The Guardian")),
                row(
                        "outlet without parentheses",
                        "A quake. [https://a.example/1 AP]",
                        "A quake.",
                        List.of(),
                        source("https://a.example/1", "AP")),
                row(
                        "italic broken across the link end",
                        "A quake. [https://a.example/1 (AP via ''USA Today)'']",
                        "A quake.",
                        List.of(),
                        source("https://a.example/1", "AP via USA Today")),
                row(
                        "bare [https://...] citation: outlet is the host name",
                        "A quake. [https://web.archive.org/web/2008/http://x.example/a]",
                        "A quake.",
                        List.of(),
                        source("https://web.archive.org/web/2008/http://x.example/a", "web.archive.org")),
                row(
                        "protocol-relative citation",
                        "A quake. [//www.bbc.co.uk/x (BBC)]",
                        "A quake.",
                        List.of(),
                        source("//www.bbc.co.uk/x", "BBC")),
                row(
                        "&amp; in a URL is decoded",
                        "A quake. [http://a.example/?a=1&amp;b=2 (AP)]",
                        "A quake.",
                        List.of(),
                        source("http://a.example/?a=1&b=2", "AP")),
                row(
                        "free URL is a source and leaves the text",
                        "A quake, says https://a.example/x/y.",
                        "A quake, says .",
                        List.of(),
                        source("https://a.example/x/y", "a.example")),
                row(
                        "free URL in parentheses",
                        "A quake (https://a.example/x)",
                        "A quake ()",
                        List.of(),
                        source("https://a.example/x", "a.example")),
                row(
                        "link in a label",
                        "A quake. [https://a.example/1 ([[BBC News]])]",
                        "A quake.",
                        List.of("BBC News"),
                        source("https://a.example/1", "BBC News")),
                row(
                        "[ that is not a link stays",
                        "A [quake] [[Chile|here]]. " + CITE,
                        "A [quake] here.",
                        List.of("Chile"),
                        CITED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"wikilinks", "templates", "tagsAndComments", "quotesEntitiesAndSpaces", "externalLinks"})
    void rendersConstructAsAReaderSeesIt(Row row) {
        ParseResult r = Wikitext.parse("* " + row.body);

        assertThat(r.events()).hasSize(1);
        ParsedEvent e = r.events().get(0);
        assertThat(e.text()).as("text").isEqualTo(row.text);
        assertThat(e.links()).as("links").isEqualTo(row.links);
        assertThat(e.sources()).as("sources").isEqualTo(row.sources);
        assertThat(Wikitext.problems(r)).as("problems").isEqualTo(row.problems);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"wikilinks", "templates", "tagsAndComments", "quotesEntitiesAndSpaces", "externalLinks"})
    void rendersTheSameWithTheLineCacheOff(Row row) {
        String page = "* " + row.body + "\n* " + row.body;
        ParseResult cached = DayPageParser.create().parse(page);
        ParseResult uncached =
                DayPageParser.of(new DayPageParser.Settings(16, 100, 0)).parse(page);

        assertThat(uncached).isEqualTo(cached);
        assertThat(cached.problemCount()).isEqualTo(2 * row.problems.size());
    }
}
