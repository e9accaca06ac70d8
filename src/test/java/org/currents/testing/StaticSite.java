package org.currents.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A built site served as a static web host would serve it: the JDK's HttpServer on 127.0.0.1
 * (port 0), files by path, {@code index.html} for a folder, {@code /404.html} with status 404
 * for anything missing. Every request path is recorded, so that a test can tell whether a page
 * made the browser ask for something it should not (an injected image, a stylesheet elsewhere).
 */
public final class StaticSite implements AutoCloseable {
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "atom", "application/atom+xml",
            "xml", "application/xml",
            "txt", "text/plain; charset=utf-8",
            "md", "text/markdown; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon");

    private final Path root;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "static-site");
        t.setDaemon(true);
        return t;
    });
    private final List<String> requests = new CopyOnWriteArrayList<>();

    private StaticSite(Path root) {
        this.root = root.toAbsolutePath().normalize();
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 32);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::serve);
        server.setExecutor(executor);
        server.start();
    }

    /** Serves the folder {@code root} until closed. */
    public static StaticSite serve(Path root) {
        return new StaticSite(root);
    }

    /** The site's address for {@code path} ({@code /news/2017/07/9/index.html}). */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The paths (with query) requested so far, in order. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            URI uri = exchange.getRequestURI();
            requests.add(uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
            String path = uri.getPath();
            Path file = root.resolve(path.substring(1)).normalize();
            if (file.startsWith(root) && Files.isDirectory(file)) {
                file = file.resolve("index.html");
            }
            int status = 200;
            if (!file.startsWith(root) || !Files.isRegularFile(file)) {
                status = 404;
                file = root.resolve("404.html");
            }
            byte[] body = Files.isRegularFile(file) ? Files.readAllBytes(file) : "not found".getBytes();
            String name = file.getFileName().toString();
            String ext = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
            exchange.getResponseHeaders().set("Content-Type", TYPES.getOrDefault(ext, "application/octet-stream"));
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
