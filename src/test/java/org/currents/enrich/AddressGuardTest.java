package org.currents.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The SSRF guard's decisions as pure functions: no connection is made, no name is looked up. */
class AddressGuardTest {
    /** Names resolve from this table only; anything else is unknown. */
    static final Map<String, String> NAMES = Map.of(
            "intranet.test", "10.1.2.3",
            "metadata.test", "169.254.169.254",
            "news.test", "93.184.216.34",
            "v6.test", "2606:4700::1111",
            "mapped.test", "::ffff:192.168.0.1");

    static final AddressGuard GUARD = new AddressGuard(host -> {
        String address = NAMES.get(host);
        if (address == null) {
            throw new UnknownHostException(host);
        }
        return new InetAddress[] {AddressGuard.literal(address)};
    });

    @ParameterizedTest
    @ValueSource(
            strings = {
                "127.0.0.1",
                "127.255.255.254",
                "10.0.0.1",
                "10.255.255.255",
                "172.16.0.1",
                "172.31.255.255",
                "192.168.0.1",
                "192.168.255.255",
                "169.254.169.254",
                "169.254.0.1",
                "100.64.0.1",
                "100.127.255.255",
                "0.0.0.0",
                "0.1.2.3",
                "224.0.0.1",
                "239.255.255.250",
                "255.255.255.255",
                "240.0.0.1",
                "198.18.0.1",
                "192.0.0.8",
                "::1",
                "[::1]",
                "::",
                "fc00::1",
                "fd12:3456:789a::1",
                "fe80::1",
                "fe80::1%25eth0",
                "fec0::1",
                "ff02::1",
                "::ffff:127.0.0.1",
                "::ffff:7f00:1",
                "::ffff:10.0.0.1",
                "[::ffff:169.254.169.254]",
                "::127.0.0.1",
                "64:ff9b::a00:1",
                "2002:c0a8:0101::1",
                "2001:db8::1",
                // Odd spellings of 127.0.0.1 that C resolvers accept.
                "2130706433",
                "0x7f000001",
                "0x7f.1",
                "0x7f.0.0.1",
                "017700000001",
                "0177.0.0.1",
                "127.1",
                "127.0.1",
                "127.0.0.1.",
                "0x7F.0X0.0.01",
                // Odd spellings of private ones.
                "167772161",
                "0xa.1",
                "012.0.0.1",
                "3232235521",
                "0xc0a80001",
                "2852039166"
            })
    void refusesAddressesNoPublicSiteHas(String host) {
        assertThat(GUARD.check(host, true)).as(host).isEqualTo(AddressGuard.Verdict.REFUSED);
        assertThat(GUARD.check(host, false)).as(host + " via a proxy").isEqualTo(AddressGuard.Verdict.REFUSED);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "93.184.216.34", "8.8.8.8", "1.1.1.1", "172.15.255.255", "172.32.0.1", "100.63.255.255",
                "100.128.0.1", "169.253.0.1", "192.169.0.1", "11.0.0.1", "2606:4700::1111", "[2a00:1450:4001::200e]",
                "::ffff:93.184.216.34", "1572395042"
            })
    void allowsPublicAddresses(String host) {
        assertThat(GUARD.check(host, true)).as(host).isEqualTo(AddressGuard.Verdict.ALLOWED);
    }

    @ParameterizedTest
    @CsvSource({
        "localhost, REFUSED, REFUSED",
        "LOCALHOST., REFUSED, REFUSED",
        "api.localhost, REFUSED, REFUSED",
        "intranet.test, REFUSED, ALLOWED",
        "metadata.test, REFUSED, ALLOWED",
        "mapped.test, REFUSED, ALLOWED",
        "news.test, ALLOWED, ALLOWED",
        "v6.test, ALLOWED, ALLOWED",
        "nowhere.test, UNKNOWN_HOST, ALLOWED",
        "'', UNKNOWN_HOST, UNKNOWN_HOST",
        "[not:an:address], UNKNOWN_HOST, UNKNOWN_HOST"
    })
    void judgesNamesByWhatTheyResolveToUnlessAProxyIsTrusted(
            String host, AddressGuard.Verdict direct, AddressGuard.Verdict viaProxy) {
        assertThat(GUARD.check(host, true)).as(host).isEqualTo(direct);
        assertThat(GUARD.check(host, false)).as(host + " via a proxy").isEqualTo(viaProxy);
    }

    @ParameterizedTest
    @CsvSource({
        "2130706433, 127.0.0.1",
        "0x7f.1, 127.0.0.1",
        "017700000001, 127.0.0.1",
        "127.1, 127.0.0.1",
        "10.1, 10.0.0.1",
        "192.168.257, 192.168.1.1",
        "1.2.3.4, 1.2.3.4"
    })
    void readsNumericHostsAsCResolversDo(String host, String address) {
        assertThat(AddressGuard.literal(host).getHostAddress()).isEqualTo(address);
    }

    @ParameterizedTest
    @ValueSource(strings = {"news.test", "1.2.3.4.5", "256.1.1.1", "08.1.1.1", "0x", "4294967296", "1..2", "a.b"})
    void treatsEverythingElseAsAName(String host) {
        assertThat(AddressGuard.literal(host)).as(host).isNull();
    }
}
