package org.currents.wikitext;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.currents.model.ParsedEvent;
import org.currents.model.Problem;
import org.currents.model.Source;

/** No string makes the parser throw, and what it returns is always well formed. */
class ParserPropertiesTest {

    /** The pieces of markup the parser reacts to, and some text between them. */
    static final List<String> FRAGMENTS = List.of(
            "[[",
            "]]",
            "[",
            "]",
            "{{",
            "}}",
            "|",
            "=",
            "<ref>",
            "</ref>",
            "<ref name=a/>",
            "<!--",
            "-->",
            "<nowiki>",
            "</nowiki>",
            "<br>",
            "<gallery>",
            "</gallery>",
            "''",
            "'''",
            "'",
            "*",
            "**",
            "#",
            ";",
            ":",
            "\n",
            "\n*",
            "\n**",
            "\n;",
            "\n'''",
            " ",
            "\t",
            "[http://",
            "[https://a.example/x ",
            "https://",
            "//",
            "&",
            "&amp;",
            "&nbsp;",
            "&#",
            "&#x",
            ";",
            "x",
            "word ",
            "Chile",
            ".",
            "(AP)",
            "\u200C",
            "\u00A0",
            "é",
            "\uD83D\uDE00",
            "\uD800",
            "content=",
            "{{Current events|content=",
            "{{convert|",
            "{{M|w|",
            "{{lang|fr|",
            "{{nowrap|",
            "{{frac|",
            "{{cite news|url=",
            "File:",
            "Category:",
            ":Category:",
            "#",
            "<!-- All news items below this line -->",
            "<!-- All news items above this line -->");

    @Provide
    Arbitrary<String> wikitextLike() {
        return Arbitraries.of(FRAGMENTS).list().ofMaxSize(80).map(l -> String.join("", l));
    }

    @Property(tries = 1500)
    void noStringOfMarkupMakesItThrow(@ForAll("wikitextLike") String page) {
        assertWellFormed(DayPageParser.create().parse(page));
    }

    @Property(tries = 1000)
    void noArbitraryStringMakesItThrow(@ForAll String page) {
        assertWellFormed(DayPageParser.create().parse(page));
    }

    @Property(tries = 500)
    void theLineCacheNeverChangesTheResult(@ForAll("wikitextLike") String a, @ForAll("wikitextLike") String b) {
        DayPageParser cached = DayPageParser.create();
        DayPageParser uncached = DayPageParser.of(new DayPageParser.Settings(16, 100, 0));
        cached.parse(a);
        uncached.parse(a);

        assertThat(cached.parse(b)).isEqualTo(uncached.parse(b));
    }

    @Property(tries = 300)
    void eventsAreTheSameWhateverTheLimitOnProblems(@ForAll("wikitextLike") String page) {
        ParseResult many = DayPageParser.create().parse(page);
        ParseResult none =
                DayPageParser.of(new DayPageParser.Settings(16, 0, 50_000)).parse(page);

        assertThat(none.events()).isEqualTo(many.events());
        assertThat(none.problems()).isEmpty();
        assertThat(none.problemCount()).isEqualTo(many.problemCount());
    }

    @Provide
    Arbitrary<String> aroundMarkers() {
        return Arbitraries.of(
                        "news items below this line",
                        "NEWS ITEMS BELOW THIS LINE",
                        "news items below this lin",
                        "ews items below this line",
                        "news items above this line",
                        "News Items Above This Line",
                        "news",
                        " ",
                        "items",
                        "line",
                        "e",
                        "n",
                        "\u0130",
                        "\u212A",
                        "\u017F",
                        "é",
                        "<!--",
                        "-->")
                .list()
                .ofMaxSize(12)
                .map(l -> String.join("", l));
    }

    @Property(tries = 1000)
    void markerSearchFindsWhatAPlainSearchFinds(@ForAll("aroundMarkers") String page, @ForAll("offsets") int from) {
        for (String marker : List.of("news items below this line", "news items above this line")) {
            assertThat(PageText.indexOfMarker(page, marker, from))
                    .isEqualTo(PageText.indexOfIgnoreCase(page, marker, from));
        }
    }

    @Property(tries = 1000)
    void markerSearchFindsEverySpellingWhereverItStands(
            @ForAll @IntRange(max = 40) int before,
            @ForAll("oddCharacters") char odd,
            @ForAll @IntRange(max = 30) int gap,
            @ForAll("spellings") String spelled) {
        String page = "a".repeat(before) + odd + "b".repeat(gap) + spelled + " -->";

        assertThat(PageText.indexOfMarker(page, "news items below this line", 0))
                .isEqualTo(before + 1 + gap);
    }

    @Provide
    Arbitrary<Character> oddCharacters() {
        return Arbitraries.of('x', ' ', 'n', 'e', '\u0130', '\u017F', '\u00E9', '\u2013');
    }

    /** Spellings that a case-blind comparison (String.regionMatches) takes for the marker. */
    @Provide
    Arbitrary<String> spellings() {
        return Arbitraries.of(
                "news items below this line",
                "NEWS ITEMS BELOW THIS LINE",
                "News Items Below This Line",
                "news \u0130tems below th\u0130s l\u0130ne",
                "new\u017F item\u017F below thi\u017F line");
    }

    @Provide
    Arbitrary<Integer> offsets() {
        return Arbitraries.integers().between(-2, 40);
    }

    @Property(tries = 1000)
    void collapseKeepsSingleSpacesBetweenWords(@ForAll("spacey") String text) {
        StringBuilder expected = new StringBuilder();
        for (String word :
                text.split("[\\s\\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000\\u001C-\\u001F]+")) {
            if (!word.isEmpty()) {
                expected.append(expected.length() > 0 ? " " : "").append(word);
            }
        }

        assertThat(Text.collapse(text)).isEqualTo(expected.toString());
    }

    @Provide
    Arbitrary<String> spacey() {
        return Arbitraries.of(" ", "  ", "\t", "\n", "\u00A0", "\u2009", "\u3000", "\u001F", "a", "bc", "é", "\u200B")
                .list()
                .ofMaxSize(10)
                .map(l -> String.join("", l));
    }

    /** Checks what must hold of any result; plain checks (it runs on every event of a corpus). */
    static void assertWellFormed(ParseResult r) {
        List<String> broken = new ArrayList<>();
        if (r.problemCount() < r.problems().size()) {
            broken.add("problemCount " + r.problemCount() + " < " + r.problems().size() + " problems");
        }
        int position = 0;
        int lastLine = 0;
        for (ParsedEvent e : r.events()) {
            String at = "event " + e.position() + ": ";
            if (e.position() != ++position) {
                broken.add(at + "position should be " + position);
            }
            if (e.line() <= lastLine) {
                broken.add(at + "line " + e.line() + " not after " + lastLine);
            }
            lastLine = e.line();
            if (!e.category().equals(e.category().strip())) {
                broken.add(at + "category not trimmed");
            }
            if (!e.text().equals(Text.collapse(e.text()))) {
                broken.add(at + "text not collapsed: \"" + e.text() + "\"");
            }
            // (the record's List.copyOf already refuses nulls)
            if (e.links().contains("") || e.stories().contains("")) {
                broken.add(at + "empty link or story: " + e.links() + " " + e.stories());
            }
            for (Source s : e.sources()) {
                if (s.url().isBlank()) {
                    broken.add(at + "blank URL: " + s);
                }
            }
            if (e.unsourced() != e.sources().isEmpty()) {
                broken.add(at + "unsourced " + e.unsourced() + " with "
                        + e.sources().size() + " sources");
            }
        }
        for (Problem p : r.problems()) {
            if (p.line() < 1 || p.column() < 1 || p.message().isBlank()) {
                broken.add("problem " + p);
            }
        }
        assertThat(broken).as("what is wrong with %s", r).isEmpty();
    }
}
