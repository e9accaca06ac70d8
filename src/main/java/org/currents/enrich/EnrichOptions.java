package org.currents.enrich;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * The settings of the fetcher and of enrichment. Build with {@link #newBuilder()}; every setting
 * has a default, stated on its builder method. Limits are settings: a limit's outcome names it.
 */
public final class EnrichOptions {
    /** The crawler's product token: robots.txt groups for {@code currents} apply to it. */
    public static final String PRODUCT_TOKEN = "currents";

    private final String userAgent;
    private final Duration delay;
    private final int connectionsPerHost;
    private final int concurrency;
    private final Duration connectTimeout;
    private final Duration timeout;
    private final int maxRedirects;
    private final int maxBodyBytes;
    private final int maxTries;
    private final Duration retryBackoff;
    private final Duration maxRetryAfter;
    private final Duration maxCrawlDelay;
    private final URI proxy;
    private final boolean allowPrivate;
    private final boolean wayback;
    private final URI waybackApi;

    private EnrichOptions(Builder b) {
        this.userAgent = b.userAgent != null
                ? b.userAgent
                : PRODUCT_TOKEN + "/" + version() + (b.contact == null ? "" : " (+" + b.contact + ")");
        this.delay = b.delay;
        this.connectionsPerHost = b.connectionsPerHost;
        this.concurrency = b.concurrency;
        this.connectTimeout = b.connectTimeout;
        this.timeout = b.timeout;
        this.maxRedirects = b.maxRedirects;
        this.maxBodyBytes = b.maxBodyBytes;
        this.maxTries = b.maxTries;
        this.retryBackoff = b.retryBackoff;
        this.maxRetryAfter = b.maxRetryAfter;
        this.maxCrawlDelay = b.maxCrawlDelay;
        this.proxy = b.proxy;
        this.allowPrivate = b.allowPrivate;
        this.wayback = b.wayback;
        this.waybackApi = b.waybackApi;
    }

    /** A builder holding every default. */
    public static Builder newBuilder() {
        return new Builder();
    }

    /** The defaults. */
    public static EnrichOptions defaults() {
        return newBuilder().build();
    }

    private static String version() {
        String v = EnrichOptions.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /** The User-Agent header sent with every request. */
    public String userAgent() {
        return userAgent;
    }

    /** See {@link Builder#delay}. */
    public Duration delay() {
        return delay;
    }

    /** See {@link Builder#connectionsPerHost}. */
    public int connectionsPerHost() {
        return connectionsPerHost;
    }

    /** See {@link Builder#concurrency}. */
    public int concurrency() {
        return concurrency;
    }

    /** See {@link Builder#connectTimeout}. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** See {@link Builder#timeout}. */
    public Duration timeout() {
        return timeout;
    }

    /** See {@link Builder#maxRedirects}. */
    public int maxRedirects() {
        return maxRedirects;
    }

    /** See {@link Builder#maxBodyBytes}. */
    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    /** See {@link Builder#maxTries}. */
    public int maxTries() {
        return maxTries;
    }

    /** See {@link Builder#retryBackoff}. */
    public Duration retryBackoff() {
        return retryBackoff;
    }

    /** See {@link Builder#maxRetryAfter}. */
    public Duration maxRetryAfter() {
        return maxRetryAfter;
    }

    /** See {@link Builder#maxCrawlDelay}. */
    public Duration maxCrawlDelay() {
        return maxCrawlDelay;
    }

    /** The explicit proxy, or null for direct connections. */
    public URI proxy() {
        return proxy;
    }

    /** See {@link Builder#allowPrivate}. */
    public boolean allowPrivate() {
        return allowPrivate;
    }

    /** See {@link Builder#wayback}. */
    public boolean wayback() {
        return wayback;
    }

    /** See {@link Builder#waybackApi}. */
    public URI waybackApi() {
        return waybackApi;
    }

    /** Builds {@link EnrichOptions}; each setter checks its argument. */
    public static final class Builder {
        private String userAgent;
        private String contact;
        private Duration delay = Duration.ofSeconds(1);
        private int connectionsPerHost = 2;
        private int concurrency = 16;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration timeout = Duration.ofSeconds(30);
        private int maxRedirects = 5;
        private int maxBodyBytes = 2 * 1024 * 1024;
        private int maxTries = 3;
        private Duration retryBackoff = Duration.ofSeconds(2);
        private Duration maxRetryAfter = Duration.ofSeconds(60);
        private Duration maxCrawlDelay = Duration.ofSeconds(30);
        private URI proxy;
        private boolean allowPrivate;
        private boolean wayback;
        private URI waybackApi = URI.create("https://archive.org/wayback/available");

        private Builder() {}

        /** The whole User-Agent header. Default: {@code currents/<version>}, then {@code (+<contact>)}. */
        public Builder userAgent(String userAgent) {
            this.userAgent = requireText(userAgent, "userAgent");
            return this;
        }

        /** A URL or e-mail address site owners can reach the operator at, put in the User-Agent. Default: none. */
        public Builder contact(String contact) {
            this.contact = requireText(contact, "contact");
            return this;
        }

        /** The minimum time between two requests to one host. Default 1 s. */
        public Builder delay(Duration delay) {
            this.delay = nonNegative(delay, "delay");
            return this;
        }

        /** The most requests in flight to one host. Default 2. */
        public Builder connectionsPerHost(int n) {
            this.connectionsPerHost = atLeastOne(n, "connectionsPerHost");
            return this;
        }

        /** The most requests in flight overall. Default 16. */
        public Builder concurrency(int n) {
            this.concurrency = atLeastOne(n, "concurrency");
            return this;
        }

        /** The time allowed to open a connection. Default 10 s. */
        public Builder connectTimeout(Duration d) {
            this.connectTimeout = positive(d, "connectTimeout");
            return this;
        }

        /** The time allowed for one request, body included. Default 30 s. */
        public Builder timeout(Duration d) {
            this.timeout = positive(d, "timeout");
            return this;
        }

        /** The most redirects followed for one URL. Default 5. */
        public Builder maxRedirects(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("maxRedirects must be >= 0: " + n);
            }
            this.maxRedirects = n;
            return this;
        }

        /** The most body bytes read (after decompression); a longer page is {@code too-large}. Default 2 MiB. */
        public Builder maxBodyBytes(int n) {
            this.maxBodyBytes = atLeastOne(n, "maxBodyBytes");
            return this;
        }

        /** The most tries of one request (429, 5xx and timeouts are retried). Default 3; at most 3. */
        public Builder maxTries(int n) {
            if (n < 1 || n > 3) {
                throw new IllegalArgumentException("maxTries must be 1..3: " + n);
            }
            this.maxTries = n;
            return this;
        }

        /** The wait before the first retry, doubled before each next one, when no Retry-After says otherwise. Default 2 s. */
        public Builder retryBackoff(Duration d) {
            this.retryBackoff = nonNegative(d, "retryBackoff");
            return this;
        }

        /** The longest Retry-After honoured; a server asking for more is not retried. Default 60 s. */
        public Builder maxRetryAfter(Duration d) {
            this.maxRetryAfter = nonNegative(d, "maxRetryAfter");
            return this;
        }

        /** The cap on a robots.txt Crawl-delay. Default 30 s. */
        public Builder maxCrawlDelay(Duration d) {
            this.maxCrawlDelay = nonNegative(d, "maxCrawlDelay");
            return this;
        }

        /**
         * An explicit HTTP proxy ({@code http://host:port}), trusted: targets are then not
         * resolved locally, only literal addresses and localhost names are refused. Default: none.
         *
         * @throws IllegalArgumentException if it is not {@code http://host:port}
         */
        public Builder proxy(URI proxy) {
            Objects.requireNonNull(proxy, "proxy");
            if (!"http".equals(String.valueOf(proxy.getScheme()).toLowerCase(Locale.ROOT))
                    || proxy.getHost() == null
                    || proxy.getPort() < 0) {
                throw new IllegalArgumentException("proxy must be http://host:port: " + proxy);
            }
            this.proxy = proxy;
            return this;
        }

        /** Turns the SSRF guard off: private and loopback addresses may be fetched. Default false. */
        public Builder allowPrivate(boolean allow) {
            this.allowPrivate = allow;
            return this;
        }

        /** Looks dead links up in the Wayback Machine. Default false. */
        public Builder wayback(boolean wayback) {
            this.wayback = wayback;
            return this;
        }

        /** The Wayback availability API. Default {@code https://archive.org/wayback/available}. */
        public Builder waybackApi(URI api) {
            Objects.requireNonNull(api, "api");
            String scheme = String.valueOf(api.getScheme()).toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || api.getHost() == null) {
                throw new IllegalArgumentException("waybackApi must be an http(s) URL: " + api);
            }
            this.waybackApi = api;
            return this;
        }

        /** See {@link Builder#build}. */
        public EnrichOptions build() {
            return new EnrichOptions(this);
        }

        private static String requireText(String s, String name) {
            Objects.requireNonNull(s, name);
            if (s.isBlank() || s.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                throw new IllegalArgumentException(name + " must be non-blank printable text: " + s);
            }
            return s.strip();
        }

        private static Duration nonNegative(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative()) {
                throw new IllegalArgumentException(name + " must be >= 0: " + d);
            }
            return d;
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be > 0: " + d);
            }
            return d;
        }

        private static int atLeastOne(int n, String name) {
            if (n < 1) {
                throw new IllegalArgumentException(name + " must be >= 1: " + n);
            }
            return n;
        }
    }
}
