package org.currents.relate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
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
