package org.currents.source;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-1 digests in the one form the archive keeps: 40 lower-case hex digits. Dumps write them
 * in base 36 (31 digits), the API in hex; every source passes what it reads through {@link
 * #toHex} and, when that gives nothing and the text is visible, takes {@link #of} the text, so
 * that revert detection sees the same digests whichever source a history came from.
 */
public final class Sha1 {
    private Sha1() {}

    /**
     * {@code value} as 40 hex digits: base-36 dump digests converted, hex kept (in any case),
     * anything else (null, empty, junk, too large) the empty string.
     */
    public static String toHex(String value) {
        if (value == null || value.isEmpty() || value.length() > 40) {
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

    /** The SHA-1 of {@code text}'s UTF-8 bytes, as 40 hex digits, for sources that omit it. */
    public static String of(String text) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-1");
            return HexFormat.of().formatHex(sha.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-1", e);
        }
    }
}
