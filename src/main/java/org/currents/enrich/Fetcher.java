package org.currents.enrich;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;
import org.currents.store.EnrichClaims;

/**
 * The polite, guarded fetcher: one shared {@link HttpClient}, redirects followed by hand so that
 * every hop passes the {@link AddressGuard}, robots.txt and {@link Politeness}; bodies capped
 * and decompressed; 429, 5xx and timeouts retried with backoff honouring {@code Retry-After}.
 * Every failure is an outcome ({@link Outcomes}), never an exception.
 */
final class Fetcher implements AutoCloseable {
    /** Which bodies a fetch reads. */
    enum Accept {
        HTML("text/html,application/xhtml+xml;q=0.9,*/*;q=0.1", Set.of("text/html", "application/xhtml+xml")),
        JSON("application/json", Set.of("application/json", "text/json", "text/javascript", "text/plain"));

        final String header;
        final Set<String> types;

        Accept(String header, Set<String> types) {
            this.header = header;
            this.types = types;
        }
    }

    /**
     * What one fetch ended with.
     *
     * @param finalUrl the last URL requested, or null when none was
     * @param status the last HTTP status, 0 when no response came
     * @param outcome the outcome label
     * @param contentType the body's Content-Type header, or null
     * @param body the body (decompressed) when the outcome is ok, else null
     */
    record Result(URI finalUrl, int status, String outcome, String contentType, byte[] body) {
        boolean ok() {
            return Outcomes.OK.equals(outcome);
        }

        static Result failed(URI url, int status, String outcome) {
            return new Result(url, status, outcome, null, null);
        }
    }

    /** One response, or the failure of one try. */
    private record Response(
            URI url,
            int status,
            String outcome,
            String location,
            Duration retryAfter,
            String contentType,
            byte[] body) {
        boolean retryable() {
            return outcome.equals(Outcomes.TIMEOUT)
                    || status == 429
                    || status == 500
                    || status == 502
                    || status == 503
                    || status == 504;
        }

        boolean redirect() {
            return (status == 301 || status == 302 || status == 303 || status == 307 || status == 308)
                    && location != null;
        }

        static Response failed(URI url, String outcome) {
            return new Response(url, 0, outcome, null, null, null, null);
        }
    }

    /**
     * A host's robots.txt as read, or the failure that kept it from being read; {@code verdict}
     * and {@code body} are what other workers are given ({@link EnrichClaims.Robots}), a null
     * verdict for nothing to share.
     */
    private record Robots(RobotsRules rules, Response failure, String verdict, String body) {
        static Robots of(RobotsRules rules, String verdict) {
            return new Robots(rules, null, verdict, null);
        }
    }

    /**
     * How long robots.txt read by another worker is used: RFC 9309 2.4, "crawlers SHOULD NOT use
     * a cached version for more than 24 hours".
     */
    private static final Duration ROBOTS_SHARED_FOR = Duration.ofHours(24);

    private final EnrichOptions options;
    private final AddressGuard guard;
    private final Politeness politeness;
    private final ExecutorService clientExecutor;
    private final ScheduledExecutorService timer;
    private final HttpClient client;
    private final Map<String, CompletableFuture<Robots>> robots = new ConcurrentHashMap<>();
    /** Told each request's start as it is sent: the request log, and tests of politeness. */
    private volatile java.util.function.Consumer<RequestStart> sendListener = s -> {};
    /** The work shared with other processes, or null when this one works alone. */
    private volatile EnrichClaims shared;

    /** The global limit: requests in flight, whatever their host. */
    private final Semaphore inFlight;

    Fetcher(EnrichOptions options, AddressGuard guard) {
        this.options = options;
        this.guard = guard;
        this.politeness = new Politeness(options.delay(), options.connectionsPerHost());
        this.inFlight = new Semaphore(options.concurrency(), true);
        this.clientExecutor = Executors.newCachedThreadPool(daemon("currents-http"));
        this.timer = Executors.newSingleThreadScheduledExecutor(daemon("currents-deadline"));
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(options.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                // HTTP/1.1: one request per connection, so connections per host are what
                // Politeness allows; and no h2c upgrade headers on plain http.
                .version(HttpClient.Version.HTTP_1_1)
                .executor(clientExecutor);
        URI proxy = options.proxy();
        builder.proxy(
                proxy == null
                        ? HttpClient.Builder.NO_PROXY
                        : ProxySelector.of(new InetSocketAddress(proxy.getHost(), proxy.getPort())));
        this.client = builder.build();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    Politeness politeness() {
        return politeness;
    }

    /** Shares politeness and robots.txt with the workers of {@code claims} (null: works alone). */
    void share(EnrichClaims claims) {
        this.shared = claims;
        politeness.share(claims);
    }

    /**
     * Fetches {@code url}, following redirects.
     *
     * @param lease a lease on the URL's host (closed by this method), or null to acquire one
     */
    Result fetch(URI url, Politeness.Lease lease, Accept accept) throws InterruptedException {
        Politeness.Lease current = lease;
        try {
            Set<URI> seen = new HashSet<>();
            URI at = url;
            for (int hop = 0; ; hop++) {
                if (!seen.add(at)) {
                    return Result.failed(at, 0, Outcomes.REDIRECT_LOOP);
                }
                String refusal = refusal(at);
                if (refusal != null) {
                    return Result.failed(at, 0, refusal);
                }
                String host = Urls.hostKey(at);
                if (current == null || !current.host().equals(host)) {
                    if (current != null) {
                        current.close();
                        current = null;
                    }
                    current = politeness.acquire(host);
                }
                Robots rules = robots(at, current);
                if (rules.failure() != null) {
                    Response f = rules.failure();
                    return Result.failed(at, f.status(), f.outcome());
                }
                if (!rules.rules().allows(Urls.pathAndQuery(at))) {
                    return Result.failed(at, 0, Outcomes.ROBOTS_DENIED);
                }
                Response r = exchange(at, current, accept);
                if (!r.redirect()) {
                    return new Result(at, r.status(), r.outcome(), r.contentType(), r.body());
                }
                URI next = Urls.resolve(at, r.location());
                if (next == null) {
                    String target = Urls.resolveText(at, r.location());
                    return new Result(
                            Urls.parse(target) == null ? at : Urls.parse(target),
                            r.status(),
                            unfetchable(target),
                            null,
                            null);
                }
                if (hop + 1 > options.maxRedirects()) {
                    return Result.failed(
                            at, r.status(), seen.contains(next) ? Outcomes.REDIRECT_LOOP : Outcomes.TOO_MANY_REDIRECTS);
                }
                at = next;
            }
        } finally {
            if (current != null) {
                current.close();
            }
        }
    }

    /**
     * The outcome of a URL that cannot be fetched: {@code refused-private-address} when its host
     * spells a forbidden address in a way URIs do not accept ({@code http://0x7f.1/},
     * {@code http://127.1/}), else {@code bad-url}.
     */
    String unfetchable(String url) {
        String host = Urls.rawHost(url);
        if (!options.allowPrivate() && host != null) {
            java.net.InetAddress literal = AddressGuard.literal(host);
            if (literal != null && AddressGuard.forbidden(literal)) {
                return Outcomes.REFUSED_PRIVATE_ADDRESS;
            }
        }
        return Outcomes.BAD_URL;
    }

    /** Why the guard refuses {@code url}'s host, or null when it may be fetched. */
    private String refusal(URI url) {
        if (options.allowPrivate()) {
            return null;
        }
        return switch (guard.check(url.getHost(), options.proxy() == null)) {
            case ALLOWED -> null;
            case REFUSED -> Outcomes.REFUSED_PRIVATE_ADDRESS;
            case UNKNOWN_HOST -> Outcomes.UNKNOWN_HOST;
        };
    }

    /** The robots.txt of {@code url}'s origin, read once per fetcher (the first asker reads it). */
    private Robots robots(URI url, Politeness.Lease lease) throws InterruptedException {
        String origin = Urls.origin(url);
        CompletableFuture<Robots> mine = new CompletableFuture<>();
        CompletableFuture<Robots> existing = robots.putIfAbsent(origin, mine);
        if (existing != null) {
            try {
                return existing.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("robots.txt reader failed for " + origin, e.getCause());
            }
        }
        Robots result = null;
        try {
            result = sharedRobots(origin);
            if (result == null) {
                result = readRobots(URI.create(origin + "/robots.txt").normalize(), lease);
                keepShared(origin, result);
            }
            if (result.rules() != null && result.rules().crawlDelay() != null) {
                Duration d = result.rules().crawlDelay();
                politeness.raiseDelay(
                        lease.host(), d.compareTo(options.maxCrawlDelay()) > 0 ? options.maxCrawlDelay() : d);
            }
            return result;
        } finally {
            if (result == null) {
                // Interrupted: let the next asker try again.
                robots.remove(origin, mine);
                mine.complete(Robots.of(RobotsRules.ALLOW_ALL, null));
            } else {
                mine.complete(result);
            }
        }
    }

    /** The robots.txt of {@code origin} another worker read within a day, or null. */
    private Robots sharedRobots(String origin) {
        EnrichClaims claims = shared;
        if (claims == null) {
            return null;
        }
        EnrichClaims.Robots stored = claims.robots(origin).orElse(null);
        if (stored == null || stored.fetchedAt().isBefore(Instant.now().minus(ROBOTS_SHARED_FOR))) {
            return null;
        }
        return switch (stored.verdict()) {
            case EnrichClaims.Robots.RULES ->
                new Robots(
                        RobotsRules.parse(stored.body() == null ? "" : stored.body(), EnrichOptions.PRODUCT_TOKEN),
                        null,
                        stored.verdict(),
                        stored.body());
            case EnrichClaims.Robots.ALLOW -> Robots.of(RobotsRules.ALLOW_ALL, stored.verdict());
            default -> null; // an unreachable file (or a verdict of a newer build): read it again
        };
    }

    /**
     * Gives the others what was read. An unreachable file (5xx, 429: disallow all) is not given:
     * each worker finds that out itself, so that one outage does not stop all for a day.
     */
    private void keepShared(String origin, Robots robots) {
        EnrichClaims claims = shared;
        if (claims != null && robots.verdict() != null && !robots.verdict().equals(EnrichClaims.Robots.DISALLOW)) {
            claims.saveRobots(origin, new EnrichClaims.Robots(robots.verdict(), robots.body(), Instant.now()));
        }
    }

    private Robots readRobots(URI robotsUrl, Politeness.Lease lease) throws InterruptedException {
        URI at = robotsUrl;
        for (int hop = 0; hop <= options.maxRedirects(); hop++) {
            Response r = exchange(at, lease, null);
            if (r.redirect()) {
                URI next = Urls.resolve(at, r.location());
                // Only redirects within the host are followed: another origin has its own file.
                if (next == null || !Urls.hostKey(next).equals(lease.host()) || refusal(next) != null) {
                    return Robots.of(RobotsRules.ALLOW_ALL, EnrichClaims.Robots.ALLOW);
                }
                at = next;
                continue;
            }
            if (r.status() >= 200 && r.status() < 300) {
                String text = new String(r.body(), StandardCharsets.UTF_8);
                return new Robots(
                        RobotsRules.parse(text, EnrichOptions.PRODUCT_TOKEN), null, EnrichClaims.Robots.RULES, text);
            }
            if (r.status() >= 400 && r.status() < 500 && r.status() != 429) {
                // RFC 9309 2.3.1.3: unavailable
                return Robots.of(RobotsRules.ALLOW_ALL, EnrichClaims.Robots.ALLOW);
            }
            if (r.status() >= 500 || r.status() == 429) {
                // RFC 9309 2.3.1.4: unreachable
                return Robots.of(RobotsRules.DISALLOW_ALL, EnrichClaims.Robots.DISALLOW);
            }
            if (r.status() == 0) {
                return new Robots(null, r, null, null);
            }
            return Robots.of(RobotsRules.ALLOW_ALL, EnrichClaims.Robots.ALLOW);
        }
        return Robots.of(RobotsRules.ALLOW_ALL, EnrichClaims.Robots.ALLOW);
    }

    /**
     * One request with its retries: up to {@code maxTries} for 429, 5xx and timeouts, waiting the
     * server's Retry-After (when at most {@code maxRetryAfter}) or a doubling backoff. Each try
     * waits for a politeness slot.
     *
     * @param accept the bodies to read, or null for robots.txt (any type, smaller cap)
     */
    private Response exchange(URI url, Politeness.Lease lease, Accept accept) throws InterruptedException {
        Response r = null;
        for (int attempt = 1; attempt <= options.maxTries(); attempt++) {
            r = send(url, lease, accept);
            if (!r.retryable() || attempt == options.maxTries()) {
                return r;
            }
            Duration wait = r.retryAfter() != null
                    ? r.retryAfter()
                    : options.retryBackoff().multipliedBy(1L << (attempt - 1));
            if (wait.compareTo(options.maxRetryAfter()) > 0) {
                return r;
            }
            politeness.pushBack(lease.host(), wait);
        }
        return r;
    }

    /** Sends one request once its start is claimed; the global permit is held until it is read. */
    private Response send(URI url, Politeness.Lease lease, Accept accept) throws InterruptedException {
        Politeness.Start start = lease.awaitSlot(inFlight);
        try {
            sendListener.accept(new RequestStart(url, start.booked(), start.nanos()));
            return sendNow(url, accept);
        } finally {
            inFlight.release();
        }
    }

    /** Sets who is told each request's start as it is sent (a request log; tests measure politeness so). */
    void onSend(java.util.function.Consumer<RequestStart> listener) {
        this.sendListener = listener;
    }

    private Response sendNow(URI url, Accept accept) throws InterruptedException {
        long deadline = System.nanoTime() + options.timeout().toNanos();
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(options.timeout())
                .header("User-Agent", options.userAgent())
                .header("Accept", accept == null ? "text/plain,*/*;q=0.1" : accept.header)
                .header("Accept-Encoding", "gzip, deflate")
                .GET()
                .build();
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            return Response.failed(url, Outcomes.TIMEOUT);
        } catch (ConnectException e) {
            return Response.failed(url, unresolved(e) ? Outcomes.UNKNOWN_HOST : Outcomes.CONNECTION_FAILED);
        } catch (IOException e) {
            return Response.failed(url, unresolved(e) ? Outcomes.UNKNOWN_HOST : Outcomes.CONNECTION_FAILED);
        }
        return read(url, response, accept, deadline);
    }

    private static boolean unresolved(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnresolvedAddressException || t instanceof java.net.UnknownHostException) {
                return true;
            }
        }
        return false;
    }

    private Response read(URI url, HttpResponse<InputStream> response, Accept accept, long deadline) {
        int status = response.statusCode();
        String contentType = response.headers().firstValue("Content-Type").orElse(null);
        String location = response.headers().firstValue("Location").orElse(null);
        Duration retryAfter =
                retryAfter(response.headers().firstValue("Retry-After").orElse(null));
        InputStream in = response.body();
        boolean success = status >= 200 && status < 300;
        boolean typeOk = accept == null || contentType == null || accept.types.contains(mediaType(contentType));
        if (!success || !typeOk) {
            closeQuietly(in);
            String outcome = !success ? Outcomes.http(status) : Outcomes.NOT_HTML;
            return new Response(url, status, outcome, location, retryAfter, contentType, null);
        }
        int cap = accept == null ? RobotsRules.MAX_BYTES : options.maxBodyBytes();
        long remaining = deadline - System.nanoTime();
        ScheduledFuture<?> alarm = timer.schedule(() -> closeQuietly(in), Math.max(1, remaining), TimeUnit.NANOSECONDS);
        try (InputStream body =
                decoded(in, response.headers().firstValue("Content-Encoding").orElse(""))) {
            if (body == null) {
                return new Response(url, status, Outcomes.BAD_ENCODING, null, null, contentType, null);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(cap, 64 * 1024));
            byte[] buffer = new byte[16 * 1024];
            long total = 0;
            for (int n; (n = body.read(buffer)) > 0; ) {
                total += n;
                if (total > cap) {
                    if (accept == null) {
                        break; // robots.txt: what fits is read, the rest ignored
                    }
                    return new Response(url, status, Outcomes.TOO_LARGE, null, null, contentType, null);
                }
                out.write(buffer, 0, n);
            }
            return new Response(url, status, Outcomes.OK, null, null, contentType, out.toByteArray());
        } catch (ZipException | EOFException e) {
            return new Response(
                    url,
                    status,
                    System.nanoTime() >= deadline ? Outcomes.TIMEOUT : Outcomes.BAD_ENCODING,
                    null,
                    null,
                    contentType,
                    null);
        } catch (IOException e) {
            String outcome = System.nanoTime() >= deadline ? Outcomes.TIMEOUT : Outcomes.CONNECTION_FAILED;
            return new Response(url, status, outcome, null, null, contentType, null);
        } finally {
            alarm.cancel(false);
            closeQuietly(in);
        }
    }

    /** The body decoded per Content-Encoding, or null for an encoding we did not ask for. */
    private static InputStream decoded(InputStream in, String encoding) throws IOException {
        String e = encoding.strip().toLowerCase(Locale.ROOT);
        switch (e) {
            case "", "identity" -> {
                return in;
            }
            case "gzip", "x-gzip" -> {
                return new GZIPInputStream(in, 16 * 1024);
            }
            case "deflate" -> {
                // "deflate" is zlib-wrapped by the RFC, raw by some servers: look at the header.
                PushbackInputStream p = new PushbackInputStream(in, 2);
                int b0 = p.read();
                int b1 = p.read();
                if (b1 >= 0) {
                    p.unread(b1);
                }
                if (b0 >= 0) {
                    p.unread(b0);
                }
                boolean zlib = b0 >= 0 && b1 >= 0 && (b0 & 0x0f) == 8 && ((b0 << 8) | b1) % 31 == 0;
                return new InflaterInputStream(p, new Inflater(!zlib), 16 * 1024);
            }
            default -> {
                return null;
            }
        }
    }

    static String mediaType(String contentType) {
        int semi = contentType.indexOf(';');
        return (semi >= 0 ? contentType.substring(0, semi) : contentType)
                .strip()
                .toLowerCase(Locale.ROOT);
    }

    /** A Retry-After header's wait: delta-seconds or an HTTP date; null when absent or unreadable. */
    static Duration retryAfter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        try {
            long seconds = Long.parseLong(v);
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException e) {
            try {
                ZonedDateTime when = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(ZonedDateTime.now(when.getZone()), when);
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // Closing a response body we gave up on: nothing to do.
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        clientExecutor.shutdownNow();
    }
}
