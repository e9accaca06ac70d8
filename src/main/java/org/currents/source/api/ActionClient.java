package org.currents.source.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.random.RandomGenerator;
import java.util.zip.GZIPInputStream;

/**
 * One MediaWiki Action API, spoken to politely (API:Etiquette): a User-Agent with a contact,
 * {@code maxlag} on every request, one request at a time, gzip, bounded tries with exponential
 * backoff and jitter on throttling, lag, server and network errors, and {@code Retry-After}
 * honoured. Every call is {@code format=json&formatversion=2}.
 */
final class ActionClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    // Error codes that say "not now" rather than "no": API:Etiquette (maxlag), API:Errors and
    // warnings (ratelimited, readonly); internal errors are usually a database timeout.
    private static final Set<String> RETRIABLE_CODES = Set.of("maxlag", "ratelimited", "readonly");

    // Manual:Maxlag_parameter: "if you get a lag error, pause your script for at least 5 seconds".
    private static final Duration MAXLAG_PAUSE = Duration.ofSeconds(5);

    private final ApiOptions options;
    private final String userAgent;
    private final HttpClient http;
    private final Sleeper sleeper;
    private final Backoff backoff;
    // One request at a time per API (API:Etiquette: "make your requests in series").
    private final ReentrantLock turn = new ReentrantLock(true);
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong bytesReceived = new AtomicLong();

    ActionClient(ApiOptions options, Sleeper sleeper, RandomGenerator random) {
        this.options = options;
        this.userAgent = UserAgent.of(options);
        this.sleeper = sleeper;
        this.backoff = new Backoff(options.initialBackoff(), options.maxBackoff(), random);
        this.http = HttpClient.newBuilder()
                .connectTimeout(options.connectTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    String userAgent() {
        return userAgent;
    }

    URI api() {
        return options.api();
    }

    ApiStats stats() {
        return new ApiStats(requests.get(), retries.get(), bytesReceived.get());
    }

    /**
     * Sends one query and returns its JSON, trying again while the failure may pass.
     *
     * @param params the request's own parameters, in order; {@code format}, {@code formatversion}
     *     and {@code maxlag} are added
     * @throws ApiException when the API answers with an error, or after {@code maxTries}
     * @throws InterruptedIOException when interrupted while waiting
     */
    JsonNode get(Map<String, String> params) throws IOException {
        URI uri = uri(params);
        String what = describe(params);
        turn.lock();
        try {
            for (int tries = 1; ; tries++) {
                Attempt a = attempt(uri);
                if (a.json != null) {
                    return a.json;
                }
                if (!a.retriable) {
                    throw new ApiException(what + ": " + a.message, a.code, tries, a.cause);
                }
                if (tries >= options.maxTries()) {
                    throw new ApiException(
                            what + ": gave up after " + tries + " tries (maxTries " + options.maxTries() + "): "
                                    + a.message,
                            a.code,
                            tries,
                            a.cause);
                }
                retries.incrementAndGet();
                pause(backoff.delay(tries, a.floor), what);
            }
        } finally {
            turn.unlock();
        }
    }

    private void pause(Duration wait, String what) throws InterruptedIOException {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to retry " + what);
        }
    }

    /** The outcome of one try: JSON, or why not and whether trying again may help. */
    private record Attempt(
            JsonNode json, boolean retriable, String code, String message, Duration floor, Throwable cause) {
        static Attempt ok(JsonNode json) {
            return new Attempt(json, false, null, null, Duration.ZERO, null);
        }

        static Attempt retry(String code, String message, Duration floor, Throwable cause) {
            return new Attempt(null, true, code, message, floor, cause);
        }

        static Attempt fail(String code, String message, Throwable cause) {
            return new Attempt(null, false, code, message, Duration.ZERO, cause);
        }
    }

    private Attempt attempt(URI uri) throws InterruptedIOException {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(options.requestTimeout())
                .header("User-Agent", userAgent)
                .header("Accept-Encoding", "gzip")
                .header("Accept", "application/json")
                .GET()
                .build();
        requests.incrementAndGet();
        HttpResponse<byte[]> response;
        CompletableFuture<HttpResponse<byte[]>> pending =
                http.sendAsync(request, LimitedBody.handler(options.maxResponseBytes()));
        try {
            // The request timeout of HttpClient stops at the headers; this bounds the body too.
            response = pending.get(options.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            return Attempt.retry(
                    "network",
                    "no complete response within " + options.requestTimeout() + " (requestTimeout)",
                    Duration.ZERO,
                    e);
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted during a request to " + options.api());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof LimitedBody.TooLargeException) {
                return Attempt.fail("too-large", cause.getMessage(), cause);
            }
            return Attempt.retry("network", describe(cause), Duration.ZERO, cause);
        }
        return read(response);
    }

    private Attempt read(HttpResponse<byte[]> response) {
        int status = response.statusCode();
        bytesReceived.addAndGet(response.body().length);
        Duration retryAfter = retryAfter(response);
        if (status == 429 || status >= 500) {
            return Attempt.retry("http-" + status, "HTTP " + status, retryAfter, null);
        }
        if (status != 200) {
            return Attempt.fail("http-" + status, "HTTP " + status, null);
        }
        JsonNode json;
        try {
            json = JSON.readTree(decode(response));
        } catch (LimitedBody.TooLargeException e) {
            return Attempt.fail("too-large", e.getMessage(), e);
        } catch (JsonProcessingException e) {
            return Attempt.retry("bad-json", "malformed or truncated JSON: " + e.getOriginalMessage(), retryAfter, e);
        } catch (IOException e) {
            return Attempt.retry("network", "unreadable body: " + describe(e), retryAfter, e);
        }
        if (json == null || !json.isObject()) {
            return Attempt.retry("bad-json", "the response is not a JSON object", retryAfter, null);
        }
        JsonNode error = json.get("error");
        if (error == null) {
            return Attempt.ok(json);
        }
        String code = error.path("code").asText("unknown");
        String message = "API error " + code + ": " + error.path("info").asText("");
        if (code.equals("maxlag")) {
            return Attempt.retry(code, message, max(retryAfter, MAXLAG_PAUSE), null);
        }
        if (RETRIABLE_CODES.contains(code) || code.startsWith("internal_api_error")) {
            return Attempt.retry(code, message, retryAfter, null);
        }
        return Attempt.fail(code, message, null);
    }

    private byte[] decode(HttpResponse<byte[]> response) throws IOException {
        byte[] body = response.body();
        Optional<String> encoding = response.headers().firstValue("Content-Encoding");
        if (encoding.isEmpty() || encoding.get().equalsIgnoreCase("identity")) {
            return body;
        }
        if (!encoding.get().equalsIgnoreCase("gzip")) {
            throw new IOException("unsupported Content-Encoding: " + encoding.get());
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            byte[] plain = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, options.maxResponseBytes() + 1));
            if (plain.length > options.maxResponseBytes()) {
                throw new LimitedBody.TooLargeException(options.maxResponseBytes());
            }
            return plain;
        }
    }

    private static Duration retryAfter(HttpResponse<?> response) {
        Optional<String> value = response.headers().firstValue("Retry-After");
        if (value.isEmpty()) {
            return Duration.ZERO;
        }
        String v = value.get().trim();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(v)));
        } catch (NumberFormatException e) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException ignored) {
                return Duration.ZERO;
            }
        }
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private URI uri(Map<String, String> params) {
        Map<String, String> all = new LinkedHashMap<>(params);
        all.put("format", "json");
        all.put("formatversion", "2");
        all.put("maxlag", Integer.toString(options.maxLag()));
        StringBuilder query = new StringBuilder();
        for (Map.Entry<String, String> p : all.entrySet()) {
            query.append(query.length() == 0 ? "" : "&")
                    .append(URLEncoder.encode(p.getKey(), StandardCharsets.UTF_8))
                    .append('=')
                    .append(URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8));
        }
        String base = options.api().toString();
        return URI.create(base + (base.contains("?") ? "&" : "?") + query);
    }

    private static String describe(Map<String, String> params) {
        StringBuilder sb = new StringBuilder("query");
        for (String key : new String[] {"prop", "titles", "rvstartid"}) {
            String v = params.get(key);
            if (v != null) {
                sb.append(' ').append(key).append('=').append(v.length() > 120 ? v.substring(0, 120) + "..." : v);
            }
        }
        return sb.toString();
    }

    private static String describe(Throwable t) {
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
    }
}
