package org.currents.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RobotsRulesTest {
    static final String ROBOTS = """
            # comments are ignored
            User-agent: *
            Disallow: /private
            Allow: /private/open
            Disallow: /*.pdf$
            Crawl-delay: 5

            User-agent: otherbot
            Disallow: /
            """;

    @ParameterizedTest
    @CsvSource({
        "/, true",
        "/news/a, true",
        "/private, false",
        "/private/x, false",
        "/private/open/x, true",
        "/doc.pdf, false",
        "/doc.pdf?x=1, true",
        "/robots.txt, true"
    })
    void decidesByTheLongestMatchingRule(String path, boolean allowed) {
        assertThat(RobotsRules.parse(ROBOTS, "currents").allows(path)).as(path).isEqualTo(allowed);
    }

    @Test
    void prefersTheGroupNamingCurrents() {
        String text = """
                User-agent: *
                Disallow: /

                User-agent: Currents
                Disallow: /drafts
                Crawl-delay: 2
                """;
        RobotsRules rules = RobotsRules.parse(text, "currents");
        assertThat(rules.allows("/news")).isTrue();
        assertThat(rules.allows("/drafts/1")).isFalse();
        assertThat(rules.crawlDelay()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void readsTheCrawlDelayOfTheStarGroup() {
        assertThat(RobotsRules.parse(ROBOTS, "currents").crawlDelay()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void allowsEverythingWhenEmptyOrGarbage() {
        assertThat(RobotsRules.parse("", "currents").allows("/x")).isTrue();
        assertThat(RobotsRules.parse("<html>not robots</html>\n\u0000\uFFFF", "currents")
                        .allows("/x"))
                .isTrue();
        assertThat(RobotsRules.parse("User-agent: *\nDisallow:\n", "currents").allows("/x"))
                .isTrue();
    }

    @Test
    void sharesRulesAmongConsecutiveAgents() {
        String text = "User-agent: a\nUser-agent: *\nDisallow: /x\n";
        assertThat(RobotsRules.parse(text, "currents").allows("/x")).isFalse();
    }
}
