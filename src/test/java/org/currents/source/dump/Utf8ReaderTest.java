package org.currents.source.dump;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Utf8ReaderTest {
    private static final String TEXT = "Zürich, Kraków, Nguyễn, Ciudad Juárez – 東京 🌍 [[São Paulo]]";

    @ParameterizedTest(name = "buffer of {0} bytes")
    @ValueSource(ints = {4, 5, 7, 16, 1 << 16})
    void decodesCharactersSplitAcrossBuffers(int bufferSize) throws IOException {
        assertThat(readAll(TEXT.getBytes(UTF_8), bufferSize, 3)).isEqualTo(TEXT);
        assertThat(readAll(TEXT.getBytes(UTF_8), bufferSize, 1000)).isEqualTo(TEXT);
    }

    @ParameterizedTest(name = "buffer of {0} bytes")
    @ValueSource(ints = {4, 1 << 16})
    void skipsALeadingByteOrderMarkOnly(int bufferSize) throws IOException {
        assertThat(readAll(("\uFEFF" + TEXT + "\uFEFF").getBytes(UTF_8), bufferSize, 1))
                .isEqualTo(TEXT + "\uFEFF");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "ab\\xFFcd, 2, byte 0xFF at byte 2 is not UTF-8",
        "abc\\xC3(, 3, byte 0xC3 at byte 3 is not UTF-8",
        "abcd\\xE2\\x80, 4, byte 0xE2 0x80 at byte 4 is not UTF-8",
        "\\xED\\xA0\\x80x, 0, byte 0xED 0xA0 0x80 at byte 0 is not UTF-8",
    })
    void handsOnTheGoodCharactersThenSaysWhereTheBadByteIs(String escaped, int good, String message)
            throws IOException {
        byte[] bytes = unescape(escaped);
        Reader r = new Utf8Reader(new ByteArrayInputStream(bytes), 64);
        StringBuilder got = new StringBuilder();
        char[] buf = new char[100];

        assertThatThrownBy(() -> {
                    int n;
                    while ((n = r.read(buf, 0, buf.length)) >= 0) {
                        got.append(buf, 0, n);
                    }
                })
                .isInstanceOf(Utf8Reader.InvalidUtf8.class)
                .hasMessage(message);
        assertThat(got).hasToString(escaped.substring(0, good));
        assertThatThrownBy(() -> r.read(buf, 0, 1)).hasMessage(message);
    }

    private static String readAll(byte[] bytes, int bufferSize, int chunk) throws IOException {
        StringBuilder out = new StringBuilder();
        try (Reader r = new Utf8Reader(new ByteArrayInputStream(bytes), bufferSize)) {
            char[] buf = new char[chunk];
            int n;
            while ((n = r.read(buf, 0, chunk)) >= 0) {
                assertThat(n).as("a read returns something or the end").isPositive();
                out.append(buf, 0, n);
            }
        }
        return out.toString();
    }

    private static byte[] unescape(String s) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            if (s.startsWith("\\x", i)) {
                out.write(Integer.parseInt(s.substring(i + 2, i + 4), 16));
                i += 3;
            } else {
                out.write(s.charAt(i));
            }
        }
        return out.toByteArray();
    }
}
