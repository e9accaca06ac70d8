package org.currents.enrich;

import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Reading cited URLs, which are as people typed them into wikitext: spaces, non-ASCII
 * characters and stray brackets are percent-encoded, international host names turned into
 * their ASCII form, fragments dropped. Only http and https URLs with a host are fetchable.
 */
final class Urls {
    private Urls() {}

    /**
     * The fetchable URI {@code url} denotes.
     *
     * @return the URI, or null when {@code url} is no http(s) URL with a host
     */
    static URI parse(String url) {
        if (url == null) {
            return null;
        }
        String s = url.strip();
        int hash = s.indexOf('#');
        if (hash >= 0) {
            s = s.substring(0, hash);
        }
        if (s.isEmpty() || s.length() > MetadataExtractor.MAX_URL_LENGTH) {
            return null;
        }
        try {
            URI uri = new URI(escape(s));
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https"))) {
                return null;
            }
            String host = uri.getHost();
            if (host == null) {
                host = asciiHost(uri.getRawAuthority());
                if (host == null) {
                    return null;
                }
                uri = new URI(scheme + "://" + host + (uri.getPort() >= 0 ? ":" + uri.getPort() : "")
                        + (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                        + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
            }
            if (uri.getRawPath() == null || uri.getRawPath().isEmpty()) {
                uri = new URI(scheme + "://" + uri.getRawAuthority() + "/"
                        + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
            }
            return uri.getHost() == null ? null : uri;
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    private static final java.util.regex.Pattern RAW_HOST =
            java.util.regex.Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*://(?:[^@/?#]*@)?(\\[[^\\]/]*\\]|[^:/?#]*)");

    /**
     * The host part of a URL that {@link #parse} could not read ({@code http://0x7f.1/}: no
     * host by RFC 2396, an address to a C resolver), or null.
     */
    static String rawHost(String url) {
        java.util.regex.Matcher m = RAW_HOST.matcher(url == null ? "" : url.strip());
        return m.find() && !m.group(1).isEmpty() ? m.group(1) : null;
    }

    /** A redirect target resolved against the URL that sent it, or null. */
    static URI resolve(URI base, String location) {
        if (location == null || location.isBlank()) {
            return null;
        }
        URI relative = parseRelative(location.strip());
        if (relative == null) {
            return null;
        }
        return parse(base.resolve(relative).toString());
    }

    /** A redirect target resolved against the URL that sent it, as text, even when unfetchable. */
    static String resolveText(URI base, String location) {
        URI relative = location == null ? null : parseRelative(location.strip());
        return relative == null ? location : base.resolve(relative).toString();
    }

    private static URI parseRelative(String s) {
        try {
            return new URI(escape(s));
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** The ASCII form of an authority's host (user info and port dropped), or null. */
    private static String asciiHost(String authority) {
        if (authority == null) {
            return null;
        }
        String a = authority.substring(authority.lastIndexOf('@') + 1);
        int colon = a.lastIndexOf(':');
        if (colon > 0 && a.indexOf(']') < colon) {
            a = a.substring(0, colon);
        }
        try {
            String ascii = IDN.toASCII(a, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
            return ascii.matches("[a-z0-9.\\-]+") ? ascii : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Percent-encodes what {@link URI} refuses: spaces, controls, non-ASCII, {@code "<>\^`{|}}. */
    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp > 0x20 && cp < 0x7f && cp != '%' && "\"<>\\^`{|}".indexOf(cp) < 0) {
                sb.append((char) cp);
            } else if (cp == '%' && i + 1 < s.length() && isHex(s.charAt(i)) && isHex(s.charAt(i + 1))) {
                sb.append('%');
            } else {
                for (byte b : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
                    sb.append('%')
                            .append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                            .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
                }
            }
        }
        return sb.toString();
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }

    /** The host and effective port, the key of per-host politeness: {@code example.com:443}. */
    static String hostKey(URI uri) {
        return uri.getHost().toLowerCase(Locale.ROOT) + ":" + port(uri);
    }

    /** Scheme, host and effective port, the scope of one robots.txt: {@code https://example.com:443}. */
    static String origin(URI uri) {
        return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + hostKey(uri);
    }

    static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    /** The path and query a request line carries, for robots.txt matching. */
    static String pathAndQuery(URI uri) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }
}
