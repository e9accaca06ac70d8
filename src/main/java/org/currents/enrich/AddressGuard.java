package org.currents.enrich;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * The SSRF guard: decides whether a URL's host may be fetched. A host is refused when it is, or
 * resolves to, an address no public news site has: loopback, private (10/8, 172.16/12,
 * 192.168/16), shared CGNAT (100.64/10), link-local (169.254/16 with cloud metadata at
 * 169.254.169.254, fe80::/10), multicast, unspecified or "this network" (0/8, ::), reserved
 * (240/4, broadcast, 192.0.0/24, benchmarking 198.18/15), unique-local (fc00::/7), site-local
 * (fec0::/10), and IPv6 forms that embed any of those (IPv4-mapped, IPv4-compatible, NAT64,
 * 6to4). Host names {@code localhost} and {@code *.localhost} are refused without resolving.
 *
 * <p>Numeric hosts are read here in every spelling that C resolvers accept ({@code inet_aton}:
 * one to four parts, each decimal, octal with a leading 0 or hex with 0x), so that {@code
 * 2130706433}, {@code 0x7f.1}, {@code 017700000001} and {@code 127.1} are all 127.0.0.1 before
 * any resolver sees them.
 *
 * <p>The decision is made on the addresses the JVM resolves; the HTTP client then resolves the
 * name again, normally from the JVM's address cache (30 s). A DNS server answering differently
 * within that window (rebinding) is outside what this guard can see.
 */
final class AddressGuard {
    /** Resolves host names; tests substitute a table. */
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** What the guard decided about a host. */
    enum Verdict {
        ALLOWED,
        REFUSED,
        UNKNOWN_HOST
    }

    private final Resolver resolver;

    AddressGuard(Resolver resolver) {
        this.resolver = resolver;
    }

    /** A guard resolving through the JVM ({@link InetAddress#getAllByName}). */
    static AddressGuard system() {
        return new AddressGuard(InetAddress::getAllByName);
    }

    /**
     * Decides about {@code host} (a URL's host, IPv6 in brackets or not).
     *
     * @param resolve false when an explicit proxy is trusted to reach the host: then only
     *     literal addresses and localhost names are judged, and nothing is resolved here
     */
    Verdict check(String host, boolean resolve) {
        String h = normalise(host);
        if (h.isEmpty()) {
            return Verdict.UNKNOWN_HOST;
        }
        if (h.equals("localhost") || h.endsWith(".localhost")) {
            return Verdict.REFUSED;
        }
        InetAddress literal = literal(h);
        if (literal != null) {
            return forbidden(literal) ? Verdict.REFUSED : Verdict.ALLOWED;
        }
        if (h.indexOf(':') >= 0) {
            // Not a valid IPv6 literal, and no name has a colon.
            return Verdict.UNKNOWN_HOST;
        }
        if (!resolve) {
            return Verdict.ALLOWED;
        }
        try {
            InetAddress[] addresses = resolver.resolve(h);
            if (addresses.length == 0) {
                return Verdict.UNKNOWN_HOST;
            }
            for (InetAddress address : addresses) {
                if (forbidden(address)) {
                    return Verdict.REFUSED;
                }
            }
            return Verdict.ALLOWED;
        } catch (UnknownHostException e) {
            return Verdict.UNKNOWN_HOST;
        }
    }

    private static String normalise(String host) {
        String h = host == null ? "" : host.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.endsWith(".") && h.length() > 1) {
            h = h.substring(0, h.length() - 1);
        }
        return h;
    }

    /**
     * The address a numeric host spells, or null for a name. Never resolves: IPv6 literals are
     * parsed by {@link InetAddress#getByAddress}-equivalent code, IPv4 as {@code inet_aton} does.
     */
    static InetAddress literal(String host) {
        String h = normalise(host);
        try {
            if (h.indexOf(':') >= 0) {
                int zone = h.indexOf('%');
                String bare = zone >= 0 ? h.substring(0, zone) : h;
                if (!bare.matches("[0-9a-f:.]+")) {
                    return null;
                }
                // A string of hex digits, colons and dots is parsed as a literal, never looked up.
                return InetAddress.getByName(bare);
            }
            long value = ipv4(h);
            if (value < 0) {
                return null;
            }
            return InetAddress.getByAddress(
                    new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value});
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** The 32-bit value of an inet_aton spelling, or -1 when {@code h} is not one. */
    static long ipv4(String h) {
        if (h.isEmpty() || !h.matches("[0-9a-fx.]+")) {
            return -1;
        }
        String[] parts = h.split("\\.", -1);
        if (parts.length > 4) {
            return -1;
        }
        long[] values = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            values[i] = part(parts[i]);
            if (values[i] < 0) {
                return -1;
            }
        }
        long result = 0;
        for (int i = 0; i < parts.length - 1; i++) {
            if (values[i] > 255) {
                return -1;
            }
            result |= values[i] << (24 - 8 * i);
        }
        long last = values[parts.length - 1];
        int lastBits = 32 - 8 * (parts.length - 1);
        if (last >= (1L << lastBits)) {
            return -1;
        }
        return result | last;
    }

    private static long part(String p) {
        try {
            if (p.startsWith("0x")) {
                return p.length() > 2 && p.length() <= 10 ? Long.parseLong(p.substring(2), 16) : -1;
            }
            if (p.isEmpty() || p.length() > 12 || !p.chars().allMatch(Character::isDigit)) {
                return -1;
            }
            if (p.length() > 1 && p.startsWith("0")) {
                return p.chars().allMatch(c -> c <= '7') ? Long.parseLong(p, 8) : -1;
            }
            return Long.parseLong(p);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** True when no public web server can be at {@code address}. A pure function. */
    static boolean forbidden(InetAddress address) {
        if (address instanceof Inet4Address) {
            return forbiddenV4(address.getAddress());
        }
        byte[] b = address.getAddress();
        if (isZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            return forbiddenV4(slice(b, 12)); // IPv4-mapped ::ffff:a.b.c.d
        }
        if ((b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) {
            return forbiddenV4(slice(b, 12)); // NAT64 64:ff9b::/96
        }
        if ((b[0] & 0xe0) != 0x20) {
            // Outside global unicast 2000::/3: ::1, ::, IPv4-compatible, fc00::/7, fe80::/10,
            // fec0::/10, multicast ff00::/8 ...
            return true;
        }
        if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
            return forbiddenV4(slice(b, 2)); // 6to4 2002:a.b.c.d::/48
        }
        // Documentation 2001:db8::/32.
        return (b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8;
    }

    private static boolean forbiddenV4(byte[] a) {
        int b0 = a[0] & 0xff;
        int b1 = a[1] & 0xff;
        int b2 = a[2] & 0xff;
        return b0 == 0 // "this network", 0.0.0.0
                || b0 == 10
                || b0 == 127
                || (b0 == 100 && b1 >= 64 && b1 <= 127) // CGNAT
                || (b0 == 169 && b1 == 254)
                || (b0 == 172 && b1 >= 16 && b1 <= 31)
                || (b0 == 192 && b1 == 168)
                || (b0 == 192 && b1 == 0 && b2 == 0) // IETF protocol assignments
                || (b0 == 198 && (b1 == 18 || b1 == 19)) // benchmarking
                || b0 >= 224; // multicast, reserved, broadcast
    }

    private static byte[] slice(byte[] b, int from) {
        return new byte[] {b[from], b[from + 1], b[from + 2], b[from + 3]};
    }

    private static boolean isZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
