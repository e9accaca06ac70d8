package org.currents.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.currents.model.ParsedEvent;
import org.currents.model.Source;

/**
 * Content keys of parsed events: equal keys mean equal category, stories, text, links and
 * sources (position and line are not content). The store keeps each distinct content once.
 */
public final class BulletKeys {
    private BulletKeys() {}

    /** The key of {@code event}'s content: 32 hex digits of its SHA-256. */
    public static String of(ParsedEvent event) {
        MessageDigest sha = sha256();
        // \u0000 and \u0001 never occur in parsed text (the parser drops control characters),
        // so they delimit fields unambiguously.
        StringBuilder sb = new StringBuilder(256);
        sb.append(event.category()).append('\u0001');
        for (String s : event.stories()) {
            sb.append(s).append('\u0000');
        }
        sb.append('\u0001').append(event.text()).append('\u0001');
        for (String l : event.links()) {
            sb.append(l).append('\u0000');
        }
        sb.append('\u0001');
        for (Source s : event.sources()) {
            sb.append(s.url()).append('\u0000').append(s.outlet()).append('\u0000');
        }
        sb.append('\u0001').append(event.unsourced() ? '1' : '0');
        byte[] digest = sha.digest(sb.toString().getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest, 0, 16);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }
}
