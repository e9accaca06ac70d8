package org.currents.relate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.currents.model.Context;
import org.currents.model.ParsedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Context keys and spellings. */
class ContextsTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "Russia–United States relations | Russia-United States relations",
                "russia-United_States relations | Russia-United States relations",
                "Battle of Mosul#Aftermath | Battle of Mosul",
                "  Donald   Trump  | Donald Trump"
            })
    void normalisesKeys(String title, String key) {
        assertThat(Contexts.key(title)).isEqualTo(key);
    }

    @Property(tries = 3000)
    void spellsAsTheRegularExpressionDid(@ForAll("titles") String title) {
        assertThat(Contexts.spelling(title)).isEqualTo(spellingWithRegex(title));
    }

    /** Contexts.spelling as written before it lost its regular expression (issue 10). */
    private static String spellingWithRegex(String title) {
        String t = title.replace('_', ' ');
        int hash = t.indexOf('#');
        if (hash >= 0) {
            t = t.substring(0, hash);
        }
        t = String.join(" ", t.trim().split("\\s+"));
        if (t.isEmpty()) {
            return t;
        }
        int first = t.codePointAt(0);
        return new StringBuilder()
                .appendCodePoint(Character.toUpperCase(first))
                .append(t, Character.charCount(first), t.length())
                .toString();
    }

    @Provide
    Arbitrary<String> titles() {
        Arbitrary<Character> chars = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.chars().range('a', 'e')),
                net.jqwik.api.Tuple.of(4, Arbitraries.of(' ', '_', '#', '\t', '\n', '\u000B', '\f', '\r')),
                net.jqwik.api.Tuple.of(2, Arbitraries.chars().range('\u0000', '\u0020')),
                net.jqwik.api.Tuple.of(2, Arbitraries.of('\u00a0', '\u2003', '\u0085', '\u2013', 'A', 'ß', 'ǆ', 'é')),
                net.jqwik.api.Tuple.of(1, Arbitraries.of('\ud801', '\udc28', '\ud83d', '\ude00')));
        return chars.list().ofMaxSize(14).map(cs -> {
            StringBuilder b = new StringBuilder();
            cs.forEach(b::append);
            return b.toString();
        });
    }

    @Test
    void storiesThenLinksEachOnce() {
        ParsedEvent e = new ParsedEvent(
                "Politics",
                List.of("Russia–United States relations"),
                "text",
                List.of("Donald Trump", "Russia-United States relations", "Vladimir Putin", "Donald_Trump"),
                List.of(),
                1,
                1,
                false);
        assertThat(Contexts.of(e))
                .extracting(Context::title)
                .containsExactly("Russia–United States relations", "Donald Trump", "Vladimir Putin");
    }

    @Test
    void showsTheMostCommonSpelling() {
        ContextTitles titles = new ContextTitles();
        titles.add(new Context("Russia-United States relations", "Russia–United States relations"));
        titles.add(new Context("Russia-United States relations", "Russia-United States relations"));
        titles.add(new Context("Russia-United States relations", "Russia-United States relations"));
        assertThat(titles.title("Russia-United States relations")).isEqualTo("Russia-United States relations");
    }
}
