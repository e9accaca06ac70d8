package org.currents.source;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Sha1Test {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        // base 36 as dumps write it (sha1("") and sha1("abc"), digests by Python's hashlib)
        "phoiac9h4m842xq45sp7s6u21eteeq1, da39a3ee5e6b4b0d3255bfef95601890afd80709",
        "jt72fo5t4yobf0qugwuczbwj07max7h, a9993e364706816aba3e25717850c26c9cd0d89d",
        // leading zeros of small digests are kept
        "0000000000000000000000000000001, 0000000000000000000000000000000000000001",
        // hex as the API gives it, in either case
        "DA39A3EE5E6B4B0D3255BFEF95601890AFD80709, da39a3ee5e6b4b0d3255bfef95601890afd80709",
        // junk and overlong values are not digests
        "'', ''",
        "not-a-digest, ''",
        "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz, ''",
    })
    void convertsDumpDigestsToHex(String value, String hex) {
        assertThat(Sha1.toHex(value)).isEqualTo(hex);
    }

    @ParameterizedTest(name = "sha1({0})")
    @CsvSource({
        "'', da39a3ee5e6b4b0d3255bfef95601890afd80709",
        "abc, a9993e364706816aba3e25717850c26c9cd0d89d",
        // UTF-8 bytes, not UTF-16: python3 -c 'import hashlib; print(hashlib.sha1("é".encode()).hexdigest())'
        "é, bf15be717ac1b080b4f1c456692825891ff5073d",
    })
    void digestsTheUtf8BytesOfText(String text, String hex) {
        assertThat(Sha1.of(text)).isEqualTo(hex);
    }
}
