package org.currents.history;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Stable event ids: 16 hex digits of a SHA-256 of the page title, the revision the event first
 * appeared in and its position there. The same history gives the same ids in every store and
 * on every rebuild.
 */
final class EventIds {
    private EventIds() {}

    static String of(String pageTitle, long revisionId, int position) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] d = sha.digest((pageTitle + "\n" + revisionId + "\n" + position).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }
}
