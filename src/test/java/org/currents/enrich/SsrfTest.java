package org.currents.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.currents.model.SourceMeta;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real attempts at a local server through the SSRF guard. Only loopback addresses are ever
 * targeted, so a broken guard could reach nothing but this machine's own test servers.
 */
class SsrfTest {
    LocalWeb secret;
    LocalWeb proxy;

    @BeforeEach
    void start() {
        secret = LocalWeb.start();
        secret.page("http://127.0.0.1/secret", LocalWeb.article("Secret", "internal", null));
        proxy = LocalWeb.start();
    }

    @AfterEach
    void stop() {
        secret.close();
        proxy.close();
    }

    static EnrichOptions.Builder options() {
        return EnrichOptions.newBuilder()
                .delay(Duration.ZERO)
                .connectTimeout(Duration.ofMillis(500))
                .timeout(Duration.ofSeconds(1))
                .maxTries(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "localhost", "[::1]", "2130706433", "0x7f.1", "017700000001", "127.1"})
    void refusesLoopbackHowItIsSpelt(String host) throws Exception {
        SourceMeta meta;
        try (Enricher enricher = Enricher.of(options().build())) {
            meta = enricher.meta("http://" + host + ":" + secret.port() + "/secret", null);
        }
        assertThat(meta.outcome()).isEqualTo("refused-private-address");
        assertThat(secret.hits()).isEmpty();
    }

    @Test
    void refusesARedirectToLoopbackFromAPageServedByTheProxy() throws Exception {
        String target = "http://127.0.0.1:" + secret.port() + "/secret";
        proxy.route("http://news.test/story", (ex, n) -> LocalWeb.redirect(ex, 302, target));
        SourceMeta meta;
        try (Enricher enricher = Enricher.of(options().proxy(proxy.address()).build())) {
            meta = enricher.meta("http://news.test/story", null);
        }
        assertThat(meta.outcome()).isEqualTo("refused-private-address");
        assertThat(meta.finalUrl()).isEqualTo(target);
        assertThat(secret.hits()).isEmpty();
        assertThat(proxy.hits()).extracting(LocalWeb.Hit::host).containsOnly("news.test");
    }

    @Test
    void refusesLoopbackOnEveryHopOfARedirectChain() throws Exception {
        proxy.route("http://a.test/1", (ex, n) -> LocalWeb.redirect(ex, 301, "http://b.test/2"))
                .route(
                        "http://b.test/2",
                        (ex, n) -> LocalWeb.redirect(ex, 301, "http://localhost:" + secret.port() + "/secret"));
        try (Enricher enricher = Enricher.of(options().proxy(proxy.address()).build())) {
            assertThat(enricher.meta("http://a.test/1", null).outcome()).isEqualTo("refused-private-address");
        }
        assertThat(secret.hits()).isEmpty();
    }

    @Test
    void reachesTheSameServerWhenPrivateAddressesAreAllowed() throws Exception {
        SourceMeta meta;
        try (Enricher enricher = Enricher.of(options().allowPrivate(true).build())) {
            meta = enricher.meta("http://127.0.0.1:" + secret.port() + "/secret", null);
        }
        assertThat(meta.outcome()).isEqualTo("ok");
        assertThat(meta.title()).isEqualTo("Secret");
        assertThat(secret.hits()).isNotEmpty();
    }
}
