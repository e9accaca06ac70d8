package org.currents.wikitext;

import static org.assertj.core.api.Assertions.assertThat;

import org.currents.model.Source;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Issue 12: NUL and the other C0 characters of a page's link never reach the store or an export. */
class SourceUrlTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "*A vote. [http://a.example/x\u0000y\u0007 (A\u0001 News)]  | http://a.example/xy | A News",
                "*A vote. http://b.example/p\u007fq\u001f                  | http://b.example/pq | b.example",
                "*A vote. [http://c.example/&#1;z (C)]                      | http://c.example/z  | C",
            })
    void dropsControlCharactersFromSourceUrls(String line, String url, String outlet) {
        ParseResult r = DayPageParser.create().parse(line.strip());

        assertThat(r.events()).hasSize(1);
        assertThat(r.events().get(0).sources()).containsExactly(new Source(url, outlet));
        assertThat(r.events().get(0).sources().get(0).url()).doesNotContainPattern("\\p{Cc}");
    }
}
