package org.currents.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.currents.model.Source;
import org.junit.jupiter.api.Test;

/** Codec writes its JSON by hand: byte for byte what Jackson's mapper writes, and read back whole. */
class CodecTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Property(tries = 2000)
    void writesStringsAsJacksonDoes(@ForAll("lists") List<String> values) throws Exception {
        String json = Codec.strings(values);

        assertThat(json).isEqualTo(MAPPER.writeValueAsString(values));
        assertThat(Codec.strings(json)).isEqualTo(values);
    }

    @Property(tries = 2000)
    void writesSourcesAsJacksonDoesAndReadsThemBack(@ForAll("lists") List<String> urls, @ForAll("texts") String outlet)
            throws Exception {
        List<Source> sources = new ArrayList<>();
        List<Map<String, String>> maps = new ArrayList<>();
        for (String u : urls) {
            Source s = new Source(u, outlet);
            sources.add(s);
            Map<String, String> m = new LinkedHashMap<>();
            m.put("url", s.url());
            m.put("outlet", s.outlet());
            maps.add(m);
        }
        String json = Codec.sources(sources);

        assertThat(json).isEqualTo(MAPPER.writeValueAsString(maps));
        assertThat(Codec.sources(json)).isEqualTo(sources);
    }

    @Test
    void escapesQuotesBackslashesAndControlCharacters() {
        assertThat(Codec.strings(List.of("a\"b\\c", "\b\t\n\f\r", "\u0000\u001f\u007f", "é\u2028😀", "")))
                .isEqualTo("[\"a\\\"b\\\\c\",\"\\b\\t\\n\\f\\r\",\"\\u0000\\u001F\u007f\",\"é\u2028😀\",\"\"]");
        assertThat(Codec.strings(List.of())).isEqualTo("[]");
        assertThat(Codec.sources(List.of())).isEqualTo("[]");
    }

    @Test
    void readsSourcesWrittenWithTheOutletFirst() {
        // archives written before Codec wrote its own JSON hold either order (an immutable map's)
        assertThat(Codec.sources(
                        "[{\"outlet\":\"BBC\",\"url\":\"https://bbc.co.uk/x\"},{\"url\":\"u\",\"outlet\":\"\"}]"))
                .containsExactly(new Source("https://bbc.co.uk/x", "BBC"), new Source("u", ""));
    }

    @Test
    void refusesCorruptJsonNamingIt() {
        assertThatThrownBy(() -> Codec.strings("[\"a\","))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("corrupt JSON list in the archive: [\"a\",");
        assertThatThrownBy(() -> Codec.strings("{\"a\":1}"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("corrupt JSON list in the archive");
        assertThatThrownBy(() -> Codec.sources("[{\"url\":\"u\"}]"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("corrupt JSON sources in the archive: [{\"url\":\"u\"}]");
        assertThatThrownBy(() -> Codec.sources("[\"u\"]"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("corrupt JSON sources in the archive");
    }

    @Provide
    Arbitrary<List<String>> lists() {
        return texts().list().ofMaxSize(5);
    }

    @Provide
    Arbitrary<String> texts() {
        // every character class the escaping treats differently, and surrogates
        Arbitrary<Character> chars = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, Arbitraries.chars().range('a', 'z')),
                net.jqwik.api.Tuple.of(2, Arbitraries.chars().range('\u0000', '\u0020')),
                net.jqwik.api.Tuple.of(2, Arbitraries.of('"', '\\', '/', '\u007f', '\u0080', '\u2028', '<', '&')),
                net.jqwik.api.Tuple.of(2, Arbitraries.chars().range('\u00a0', '\ud7ff')),
                net.jqwik.api.Tuple.of(1, Arbitraries.chars().range('\ud800', '\udfff')));
        return chars.list().ofMaxSize(30).map(cs -> {
            StringBuilder b = new StringBuilder();
            cs.forEach(b::append);
            return b.toString();
        });
    }
}
