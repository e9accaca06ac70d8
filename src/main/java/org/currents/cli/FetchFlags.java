package org.currents.cli;

import java.net.URI;
import java.time.Duration;
import org.currents.enrich.EnrichOptions;
import picocli.CommandLine.Option;

/** The fetcher's flags, shared by {@code enrich} and {@code meta}. */
final class FetchFlags {
    @Option(
            names = "--proxy",
            paramLabel = "URL",
            description = "Send every request through this HTTP proxy (http://host:port), trusted to reach the target.")
    String proxy;

    @Option(
            names = "--allow-private",
            description = "Fetch private, loopback and link-local addresses too (turns the SSRF guard off).")
    boolean allowPrivate;

    @Option(
            names = "--user-agent",
            paramLabel = "TEXT",
            description = "The whole User-Agent header (default: currents/<version> (+<contact>)).")
    String userAgent;

    @Option(
            names = "--contact",
            paramLabel = "URL|EMAIL",
            description = "How site owners can reach you; put in the User-Agent.")
    String contact;

    @Option(
            names = "--delay",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "Minimum time between two requests to one host (0s..1h; default: 1s).")
    @Range(min = "0s", max = "1h")
    Duration delay;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "Time allowed for one request, body included (1s..10m; default: 30s).")
    @Range(min = "1s", max = "10m")
    Duration timeout;

    @Option(
            names = "--max-body",
            paramLabel = "BYTES",
            description = "Largest page read; larger ones are 'too-large' (1..268435456; default: 2097152).")
    @Range(min = "1", max = "268435456")
    Integer maxBody;

    @Option(names = "--wayback", description = "Take dead links' metadata from the closest Wayback Machine snapshot.")
    boolean wayback;

    @Option(
            names = "--wayback-api",
            paramLabel = "URL",
            description = "The Wayback availability API (default: https://archive.org/wayback/available).")
    String waybackApi;

    /**
     * The options these flags set.
     *
     * @throws UsageException if a flag's value is unusable
     */
    EnrichOptions.Builder options() {
        EnrichOptions.Builder b = EnrichOptions.newBuilder();
        try {
            if (proxy != null) {
                b.proxy(URI.create(proxy));
            }
            if (userAgent != null) {
                b.userAgent(userAgent);
            }
            if (contact != null) {
                b.contact(contact);
            }
            if (delay != null) {
                b.delay(delay);
            }
            if (timeout != null) {
                b.timeout(timeout);
            }
            if (maxBody != null) {
                b.maxBodyBytes(maxBody);
            }
            if (waybackApi != null) {
                b.waybackApi(URI.create(waybackApi));
            }
            return b.allowPrivate(allowPrivate).wayback(wayback);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
