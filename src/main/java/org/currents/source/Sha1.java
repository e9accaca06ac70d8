package org.currents.source.dump;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-1 digests in the one form the archive keeps: 40 lower-case hex digits. Dumps write them
 * in base 36 (31 digits), the API in hex.
 */
final class Sha1 {
    private Sha1() {}

    /** {@code value} as 40 hex digits: base-36 dump digests converted, hex kept, junk emptied. */
    static String toHex(String value) {
        if (value.isEmpty()) {
            return "";
        }
        if (value.length() == 40 && value.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return value.toLowerCase(java.util.Locale.ROOT);
        }
        try {
            String hex = new BigInteger(value, 36).toString(16);
            if (hex.length() > 40) {
                return "";
            }
            return "0".repeat(40 - hex.length()) + hex;
        } catch (NumberFormatException e) {
            return "";
        }
    }

    /** The SHA-1 of {@code text}'s UTF-8 bytes, for exports that omit it. */
    static String of(String text) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-1");
            return HexFormat.of().formatHex(sha.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-1", e);
        }
    }
}
