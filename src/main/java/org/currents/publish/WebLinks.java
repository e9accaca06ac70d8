package org.currents.publish;

import java.net.URI;
import java.util.Locale;

/**
 * Which URLs may become links or images in the HTML site and feeds: only absolute {@code http}
 * and {@code https} URLs, without control characters or spaces. Anything else from Wikipedia
 * or a news site ({@code javascript:}, {@code data:}, {@code //host}, broken URLs) is shown as
 * text, never followed.
 */
public final class WebLinks {
    private WebLinks() {}

    /** True when {@code url} is an absolute http(s) URL fit for an {@code href} or {@code src}. */
    public static boolean isWeb(String url) {
        return safe(url) != null;
    }

    /** {@code url} stripped, when it is an absolute http(s) URL with a host; otherwise null. */
    public static String safe(String url) {
        if (url == null) {
            return null;
        }
        String u = url.strip();
        for (int i = 0; i < u.length(); i++) {
            char c = u.charAt(i);
            if (c <= 0x20 || c == 0x7f || c == '"' || c == '<' || c == '>' || c == '\\' || c == '`') {
                return null;
            }
        }
        String lower = u.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
            return null;
        }
        try {
            URI parsed = new URI(u);
            return parsed.getHost() == null ? null : u;
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }

    /** The host of an http(s) URL without {@code www.}, or null when it has none. */
    public static String domain(String url) {
        String u = safe(url);
        if (u == null) {
            return null;
        }
        String host = URI.create(u).getHost().toLowerCase(Locale.ROOT);
        return host.startsWith("www.") ? host.substring(4) : host;
    }
}
