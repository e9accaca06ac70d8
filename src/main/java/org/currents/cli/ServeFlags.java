package org.currents.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.currents.serve.AccessLog;
import org.currents.serve.WebServer;
import picocli.CommandLine.Option;

/** The options of the web server, shared by {@code serve}, {@code watch --serve} and {@code demo}. */
final class ServeFlags {
    @Option(
            names = "--port",
            paramLabel = "N",
            defaultValue = "8080",
            description = "The port to serve on (0..65535; default: ${DEFAULT-VALUE}; 0 takes a free one).")
    @Range(min = "0", max = "65535")
    int port;

    @Option(
            names = "--bind",
            paramLabel = "ADDRESS",
            defaultValue = "127.0.0.1",
            description = "The address to listen on (default: ${DEFAULT-VALUE}, this machine only).")
    String bind;

    @Option(
            names = "--access-log",
            paramLabel = "FILE|-|off",
            defaultValue = "-",
            description =
                    "Where the access log goes: a file (appended), - for stderr, off (default: ${DEFAULT-VALUE}).")
    String accessLog;

    /** A running server and its log; closing stops both, requests in flight first. */
    record Running(WebServer server, AccessLog log, String url) implements AutoCloseable {
        @Override
        public void close() {
            try {
                server.close();
            } finally {
                if (log != null) {
                    log.close();
                }
            }
        }
    }

    /** Starts serving {@code db}; the URL says where. */
    Running start(String db, PrintWriter err) throws IOException {
        if (port < 0 || port > 65535) {
            throw new UsageException("--port must be 0 to 65535: " + port);
        }
        DbOption.refuseArchiveFile(db, "--access-log", accessLog);
        AccessLog log = null;
        if (!accessLog.equals("off")) {
            Writer w = accessLog.equals("-")
                    ? err
                    : Files.newBufferedWriter(
                            Path.of(accessLog),
                            StandardCharsets.UTF_8,
                            StandardOpenOption.CREATE,
                            StandardOpenOption.APPEND);
            log = AccessLog.to(w);
        }
        WebServer.Options o = new WebServer.Options().port(port).bind(bind);
        if (log != null) {
            o.accessLog(log);
        }
        WebServer server;
        try {
            server = WebServer.start(db, o, DbOption.notices(err));
        } catch (RuntimeException e) {
            if (log != null) {
                log.close();
            }
            if (e.getCause() instanceof java.net.BindException b) {
                throw new UsageException(
                        "cannot listen on " + bind + ":" + port + " (" + b.getMessage() + "); give another --port");
            }
            throw e;
        }
        String host = bind.equals("0.0.0.0") || bind.equals("::") ? "127.0.0.1" : bind;
        return new Running(
                server, log, "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + server.port() + "/");
    }
}
