package org.currents.enrich;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A web of made-up hosts on one local server (JDK HttpServer on 127.0.0.1, port 0). Used as the
 * fetcher's {@code --proxy}, it receives absolute request URIs ({@code GET http://news.test/a})
 * and answers for whichever host they name; reached directly, it answers as host {@code
 * 127.0.0.1}. Every request is recorded. Nothing is forwarded anywhere: all traffic stays on
 * the loopback interface.
 */
final class LocalWeb implements AutoCloseable {
    /** Answers one request; {@code count} is how many requests this route had, this one included. */
    interface Route {
        void handle(HttpExchange exchange, int count) throws IOException;
    }

    /**
     * A request as received.
     *
     * @param nanos when it arrived ({@link System#nanoTime()})
     * @param host the host it was for
     * @param pathAndQuery its path and query
     * @param userAgent its User-Agent header
     */
    record Hit(long nanos, String host, String pathAndQuery, String userAgent) {}

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "local-web");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Route> routes = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final List<Hit> hits = new CopyOnWriteArrayList<>();

    private LocalWeb() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::dispatch);
        server.setExecutor(executor);
        server.start();
    }

    static LocalWeb start() {
        return new LocalWeb();
    }

    /** The server's own address, {@code http://127.0.0.1:port}: the proxy to configure. */
    URI address() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** Serves {@code route} at {@code url} ({@code http://news.test/a?b}); the port is ignored. */
    LocalWeb route(String url, Route route) {
        URI u = URI.create(url);
        routes.put(key(u.getHost(), u.getRawPath() + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery())), route);
        return this;
    }

    /** Serves an HTML page at {@code url}. */
    LocalWeb page(String url, String html) {
        return route(url, (ex, n) -> send(ex, 200, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8)));
    }

    List<Hit> hits() {
        return List.copyOf(hits);
    }

    /** The requests for {@code host} (robots.txt included), in arrival order. */
    List<Hit> hits(String host) {
        return hits.stream().filter(h -> h.host().equals(host)).toList();
    }

    private static String key(String host, String pathAndQuery) {
        return host.toLowerCase() + pathAndQuery;
    }

    private void dispatch(HttpExchange ex) throws IOException {
        URI uri = ex.getRequestURI();
        String host = uri.getHost();
        if (host == null) {
            String h = ex.getRequestHeaders().getFirst("Host");
            host = h == null ? "" : h.replaceFirst(":\\d+$", "");
        }
        String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        hits.add(new Hit(System.nanoTime(), host, path, ex.getRequestHeaders().getFirst("User-Agent")));
        String key = key(host, path);
        Route route = routes.get(key);
        try {
            if (route != null) {
                route.handle(
                        ex,
                        counts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet());
            } else {
                send(ex, 404, "text/plain", "not here".getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // The client hung up (a capped or timed-out body): nothing to answer.
        } finally {
            ex.close();
        }
    }

    static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        if (type != null) {
            ex.getResponseHeaders().set("Content-Type", type);
        }
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    static void redirect(HttpExchange ex, int status, String location) throws IOException {
        ex.getResponseHeaders().set("Location", location);
        ex.sendResponseHeaders(status, -1);
    }

    /** A small article page with Open Graph tags. */
    static String article(String title, String description, String image) {
        return "<!doctype html><html lang=en><head><meta charset=utf-8><title>" + title + " - Site</title>"
                + "<meta property=og:title content=\"" + title + "\">"
                + "<meta property=og:description content=\"" + description + "\">"
                + (image == null ? "" : "<meta property=og:image content=\"" + image + "\">")
                + "</head><body><h1>" + title + "</h1></body></html>";
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
