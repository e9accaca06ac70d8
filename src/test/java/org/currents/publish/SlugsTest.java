package org.currents.publish;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Slugs as SPEC.md defines them. */
class SlugsTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "U.S. President Donald Trump says | u-s-president-donald-trump-says",
                "Café in Zürich, São Paulo & Kraków | cafe-in-zurich-sao-paulo-krakow",
                "Countering America’s Adversaries | countering-america-s-adversaries",
                "Countering America's Adversaries | countering-america-s-adversaries",
                "  --Leading and trailing!!  | leading-and-trailing",
                "Straße, Æsir, Łódź, Øresund | strasse-aesir-lodz-oresund",
                "北京 — 東京 | event",
                "!!! | event",
                "2 km² in 3½ hours | 2-km2-in-3-1-2-hours"
            })
    void makesSlugsFromText(String text, String slug) {
        assertThat(Slugs.of(text)).isEqualTo(slug);
    }

    @Test
    void takesTheFirst140CharactersOfTheText() {
        String text = "a".repeat(139) + " bcd";
        assertThat(Slugs.of(text)).isEqualTo("a".repeat(139));
        assertThat(Slugs.of("x".repeat(200))).hasSize(140);
    }
}
