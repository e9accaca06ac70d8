package org.currents.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code currents serve}: the site, search and the JSON API of the archive, live. */
@Command(
        name = "serve",
        header = "Serve the archive: its site, search and a JSON API, over HTTP.",
        mixinStandardHelpOptions = true,
        description = "Serve the archive over HTTP: every page of the HTML site at the same path as 'build' "
                + "writes it, search (/search?q=), the JSON API (/api/..., described at "
                + "/api/openapi.json) and /healthz. Reads only: an import, sync or watch may write to the "
                + "archive meanwhile, and the pages follow within a second. SIGTERM or Ctrl-C stops after "
                + "the requests in flight.")
final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DbOption db;

    @Mixin
    ServeFlags serve;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        String archive = db.forReading(err);
        CountDownLatch stop = new CountDownLatch(1);
        try (Interruption ignored = Interruption.onSignal(stop::countDown);
                ServeFlags.Running running = serve.start(archive, err)) {
            out.println("serving " + archive + " at " + running.url() + " (Ctrl-C stops)");
            out.flush();
            stop.await();
        }
        out.println("serve stopped");
        out.flush();
        return Currents.OK;
    }
}
