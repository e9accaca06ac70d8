package org.currents.source.api;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How currents talks to a MediaWiki Action API: which one, who to contact about the traffic, and
 * the limits of its politeness. Build one with {@link #newBuilder()}; every setting has a
 * default fit for Wikimedia's wikis (see <a
 * href="https://www.mediawiki.org/wiki/API:Etiquette">API:Etiquette</a>).
 *
 * @param api the {@code api.php} endpoint; default {@link #DEFAULT_API}
 * @param contact a URL or e-mail address where the operator can be reached, sent in the
 *     User-Agent; default none, which {@link MediaWikiApi#open} refuses for Wikimedia's wikis
 * @param maxLag the {@code maxlag} parameter sent with every request, in seconds; default 5
 * @param maxTries how many times one request is tried before giving up (throttling, server
 *     errors, network errors, replication lag); default 8
 * @param initialBackoff the wait before the second try; it doubles with each try, with
 *     jitter; default 1 s
 * @param maxBackoff the longest wait between two tries, also the cap on {@code Retry-After};
 *     default 2 min
 * @param connectTimeout how long to wait for a connection; default 10 s
 * @param requestTimeout how long one request may take, body included; default 60 s
 * @param maxResponseBytes the largest response body accepted, after decompression; default
 *     64 MiB
 */
public record ApiOptions(
        URI api,
        String contact,
        int maxLag,
        int maxTries,
        Duration initialBackoff,
        Duration maxBackoff,
        Duration connectTimeout,
        Duration requestTimeout,
        long maxResponseBytes) {

    /** English Wikipedia's Action API, the default {@link #api()}. */
    public static final URI DEFAULT_API = URI.create("https://en.wikipedia.org/w/api.php");

    /** The environment variable the command line reads the contact from when no flag gives it. */
    public static final String CONTACT_ENV = "CURRENTS_CONTACT";

    /**
     * @throws IllegalArgumentException if a number or duration is out of range, or the API is
     *     not an absolute http(s) URL
     */
    public ApiOptions {
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        String scheme = api.getScheme();
        if (!"https".equalsIgnoreCase(scheme) && !"http".equalsIgnoreCase(scheme) || api.getHost() == null) {
            throw new IllegalArgumentException("api must be an absolute http(s) URL: " + api);
        }
        contact = contact == null || contact.isBlank() ? null : contact.strip();
        if (contact != null && contact.chars().anyMatch(c -> c < 0x20 || c == 0x7f || c == '(' || c == ')')) {
            throw new IllegalArgumentException(
                    "contact must be a plain URL or e-mail address (no control characters or parentheses): " + contact);
        }
        if (maxLag < 0) {
            throw new IllegalArgumentException("maxLag must be >= 0: " + maxLag);
        }
        if (maxTries < 1) {
            throw new IllegalArgumentException("maxTries must be >= 1: " + maxTries);
        }
        requireNotNegative(initialBackoff, "initialBackoff");
        requireNotNegative(maxBackoff, "maxBackoff");
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(requestTimeout, "requestTimeout");
        if (maxResponseBytes < 1) {
            throw new IllegalArgumentException("maxResponseBytes must be >= 1: " + maxResponseBytes);
        }
    }

    /** A builder with every default. */
    public static Builder newBuilder() {
        return new Builder();
    }

    private static void requireNotNegative(Duration d, String name) {
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must be >= 0: " + d);
        }
    }

    private static void requirePositive(Duration d, String name) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be > 0: " + d);
        }
    }

    /** Builds {@link ApiOptions}; each setter documents its default on the record. */
    public static final class Builder {
        private URI api = DEFAULT_API;
        private String contact;
        private int maxLag = 5;
        private int maxTries = 8;
        private Duration initialBackoff = Duration.ofSeconds(1);
        private Duration maxBackoff = Duration.ofMinutes(2);
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(60);
        private long maxResponseBytes = 64L << 20;

        private Builder() {}

        /** The {@code api.php} endpoint; default {@link ApiOptions#DEFAULT_API}. */
        public Builder api(URI api) {
            this.api = Objects.requireNonNull(api, "api");
            return this;
        }

        /** Who to contact about this client's traffic (URL or e-mail); default none. */
        public Builder contact(String contact) {
            this.contact = contact;
            return this;
        }

        /** The {@code maxlag} parameter in seconds; default 5. */
        public Builder maxLag(int seconds) {
            this.maxLag = seconds;
            return this;
        }

        /** Tries per request before giving up; default 8. */
        public Builder maxTries(int maxTries) {
            this.maxTries = maxTries;
            return this;
        }

        /** Wait before the second try, doubled for each further one; default 1 s. */
        public Builder initialBackoff(Duration d) {
            this.initialBackoff = d;
            return this;
        }

        /** Longest wait between tries; default 2 min. */
        public Builder maxBackoff(Duration d) {
            this.maxBackoff = d;
            return this;
        }

        /** Connection timeout; default 10 s. */
        public Builder connectTimeout(Duration d) {
            this.connectTimeout = d;
            return this;
        }

        /** Timeout of one whole request, body included; default 60 s. */
        public Builder requestTimeout(Duration d) {
            this.requestTimeout = d;
            return this;
        }

        /** Largest accepted (decompressed) response body; default 64 MiB. */
        public Builder maxResponseBytes(long bytes) {
            this.maxResponseBytes = bytes;
            return this;
        }

        /**
         * The options.
         *
         * @throws IllegalArgumentException if a setting is out of range
         */
        public ApiOptions build() {
            return new ApiOptions(
                    api,
                    contact,
                    maxLag,
                    maxTries,
                    initialBackoff,
                    maxBackoff,
                    connectTimeout,
                    requestTimeout,
                    maxResponseBytes);
        }
    }
}
