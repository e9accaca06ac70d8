package org.currents.serve;

import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.GracefulShutdownHandler;
import io.undertow.server.handlers.accesslog.AccessLogHandler;
import io.undertow.server.handlers.accesslog.AccessLogReceiver;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.currents.publish.SiteBuilder;
import org.currents.publish.Views;
import org.currents.store.ReadPool;
import org.currents.store.StoreException;

/**
 * The web server: the site's pages at the same paths as a built site, search, the JSON API and
 * {@code /healthz}, from an archive that other processes may be writing to. It never writes.
 *
 * <p>Why Undertow: issue 11 measured one 5.4 KB page with wrk -t2 -c64 on this machine: nginx
 * 85k requests/s, Undertow 2.3 answering from a byte array 104k, Javalin 7 answering the same
 * array 16k (a jte render per request, 8.5k). With pages cached as bytes ({@link PageCache}),
 * the server library decides the figure, and Undertow's non-blocking core answers a cached page
 * on its I/O thread without a handoff; the JDK's {@code HttpServer} has no such path, no
 * graceful shutdown and a thread per exchange. Misses go to Undertow's worker pool.
 */
public final class WebServer implements AutoCloseable {
    /** The port, unless told otherwise. */
    public static final int DEFAULT_PORT = 8080;
    /** The address, unless told otherwise: this machine only. */
    public static final String DEFAULT_BIND = "127.0.0.1";
    /** Bytes of responses the cache keeps, unless told otherwise. */
    public static final long DEFAULT_CACHE_BYTES = 64L << 20;
    /** How often the server looks for a new state of the archive, unless told otherwise. */
    public static final Duration DEFAULT_CHECK_EVERY = Duration.ofMillis(500);
    /** How long {@link #close} lets requests in flight finish. */
    public static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);

    /** How to serve; every setting has a default. */
    public static final class Options {
        private int port = DEFAULT_PORT;
        private String bind = DEFAULT_BIND;
        private long cacheBytes = DEFAULT_CACHE_BYTES;
        private Duration checkEvery = DEFAULT_CHECK_EVERY;
        private int readers = ReadPool.DEFAULT_SIZE;
        private Consumer<String> accessLog = line -> {};
        private String wiki = SiteBuilder.DEFAULT_WIKI;

        /**
         * The port (default {@link #DEFAULT_PORT}); 0 takes a free one ({@link #port()} says which).
         *
         * @throws IllegalArgumentException if not 0 to 65535
         */
        public Options port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0 to 65535: " + port);
            }
            this.port = port;
            return this;
        }

        /** The address to listen on (default {@link #DEFAULT_BIND}). */
        public Options bind(String bind) {
            this.bind = Objects.requireNonNull(bind, "bind");
            return this;
        }

        /** Bytes of responses to keep (default {@link #DEFAULT_CACHE_BYTES}; 0 keeps none). */
        public Options cacheBytes(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("cache bytes must be >= 0: " + bytes);
            }
            this.cacheBytes = bytes;
            return this;
        }

        /** How often to look for a new state of the archive (default {@link #DEFAULT_CHECK_EVERY}). */
        public Options checkEvery(Duration every) {
            if (every.isNegative() || every.isZero()) {
                throw new IllegalArgumentException("check interval must be > 0: " + every);
            }
            this.checkEvery = every;
            return this;
        }

        /** Read-only connections to the archive (default {@link ReadPool#DEFAULT_SIZE}). */
        public Options readers(int readers) {
            if (readers < 1 || readers > 64) {
                throw new IllegalArgumentException("readers must be 1 to 64: " + readers);
            }
            this.readers = readers;
            return this;
        }

        /** Receives one line per request, in the combined log format (default: dropped). */
        public Options accessLog(Consumer<String> log) {
            this.accessLog = Objects.requireNonNull(log, "log");
            return this;
        }

        /** The wiki revision links point to (default {@link SiteBuilder#DEFAULT_WIKI}). */
        public Options wiki(String wiki) {
            this.wiki = Objects.requireNonNull(wiki, "wiki");
            return this;
        }
    }

    // Undertow and XNIO announce their versions through java.util.logging at INFO on start: the
    // access log and the CLI's own line say what a user needs. Held here: JUL keeps loggers weakly
    private static final java.util.logging.Logger UNDERTOW_LOG = quiet("io.undertow");
    private static final java.util.logging.Logger XNIO_LOG = quiet("org.xnio");

    private static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger l = java.util.logging.Logger.getLogger(name);
        l.setLevel(java.util.logging.Level.WARNING);
        return l;
    }

    private final ReadPool pool;
    private final Undertow undertow;
    private final GracefulShutdownHandler graceful;
    private final ScheduledExecutorService checker;
    private final int port;
    private volatile Views.Site site;
    private boolean closed;

    private WebServer(String db, Options o, Consumer<String> notices) {
        pool = ReadPool.open(db, o.readers, notices);
        try {
            PageCache cache = new PageCache(o.cacheBytes);
            LiveArchive archive = new LiveArchive(pool, () -> site, cache);
            Router router = new Router(archive, cache);
            AccessLogReceiver receiver = o.accessLog::accept;
            HttpHandler logged = new AccessLogHandler(router, receiver, "combined", WebServer.class.getClassLoader());
            graceful = new GracefulShutdownHandler(logged);
            undertow = Undertow.builder()
                    .addHttpListener(o.port, o.bind)
                    .setIoThreads(Math.max(2, Runtime.getRuntime().availableProcessors()))
                    .setWorkerThreads(Math.max(8, o.readers * 2))
                    .setServerOption(UndertowOptions.MAX_HEADER_SIZE, 16 * 1024)
                    .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, 64L * 1024)
                    .setServerOption(UndertowOptions.URL_CHARSET, "UTF-8")
                    .setHandler(graceful)
                    .build();
            undertow.start();
            port = ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
            // absolute URLs (canonical, Open Graph, feeds, sitemap) name where the server is
            site = new Views.Site(
                    o.wiki, "http://" + (o.bind.contains(":") ? "[" + o.bind + "]" : o.bind) + ":" + port);
            checker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "currents-serve-check");
                t.setDaemon(true);
                return t;
            });
            long ms = o.checkEvery.toMillis();
            checker.scheduleWithFixedDelay(
                    () -> {
                        try {
                            archive.check();
                        } catch (StoreException e) {
                            notices.accept("serve: cannot read the archive's state: " + e.getMessage());
                        }
                    },
                    ms,
                    ms,
                    TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /**
     * Opens the archive {@code db} names for reading and starts serving it.
     *
     * @param notices receives lines for the user's terminal (waits, read failures)
     * @throws StoreException when the archive cannot be opened for reading
     * @throws RuntimeException from Undertow when the port cannot be bound (its message says why)
     */
    public static WebServer start(String db, Options options, Consumer<String> notices) {
        return new WebServer(db, options, notices);
    }

    /** The port listened on. */
    public int port() {
        return port;
    }

    /**
     * Stops: takes no new requests, lets those in flight finish (up to {@link #SHUTDOWN_GRACE}),
     * then closes the listener and the archive. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        graceful.shutdown();
        try {
            graceful.awaitShutdown(SHUTDOWN_GRACE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        checker.shutdownNow();
        undertow.stop();
        pool.close();
    }
}
