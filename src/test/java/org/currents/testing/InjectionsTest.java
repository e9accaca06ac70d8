package org.currents.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The injection checks find what they look for, and not the site's own markup. */
class InjectionsTest {
    @ParameterizedTest
    @ValueSource(
            strings = {
                "<script>window.__pwned=1</script>",
                "<img src=x onerror=alert(1)>",
                "<a href=' JaVaScRiPt:alert(1)'>x</a>",
                "<a href='java\tscript:alert(1)'>x</a>",
                "<img src='data:image/svg+xml,<svg/onload=alert(1)>'>",
                "<svg><a xlink:href='javascript:alert(1)'><text>x</text></a></svg>",
                "<iframe src=/x></iframe>",
                "<span style='background:url(/pwned)'>x</span>",
                "<p><style>@import '/x.css'</style></p>",
                "<meta http-equiv=refresh content='0;url=/x'>",
                "<base href=/x/>",
            })
    void findsAnInjection(String html) {
        assertThat(Injections.found(Jsoup.parse("<p>text</p>" + html))).hasSize(1);
    }

    @Test
    void acceptsTheSitesOwnMarkup() {
        String html = "<!DOCTYPE html><html lang=en><head><title>t</title><link rel=stylesheet href=/assets/site.css>"
                + "<style>body{color:red}</style></head><body><main><a href='https://en.wikipedia.org/w/index.php?oldid=1'>r</a>"
                + "<img src='http://news.test/c.jpg%22onerror' alt='&lt;script&gt;' loading=lazy>"
                + "<p>&lt;script&gt;window.__pwned=1&lt;/script&gt; onerror=x javascript:alert(1)</p>"
                + "<svg viewBox='0 0 10 10'><rect width=1 height=1></rect></svg><del>a</del><ins>b</ins></main></body></html>";
        assertThat(Injections.found(Jsoup.parse(html))).isEmpty();
    }
}
