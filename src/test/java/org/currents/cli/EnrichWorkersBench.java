package org.currents.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Enrich throughput with 1, 2 and 4 worker processes (child JVMs) on one SQLite archive, against
 * the local server of {@link WorkerFleet} answering each page after a fixed latency. Prints one
 * line per run: pages per second measured at the server (first to last page request, so JVM
 * start-up is left out) and the wall time of the whole run. Run by {@code bench/enrich-workers.sh}.
 *
 * <p>Arguments: {@code urls hosts latencyMs delay concurrency workers...}, e.g. {@code 1200 100
 * 50 100ms 2 1 2 4}.
 */
final class EnrichWorkersBench {
    private EnrichWorkersBench() {}

    public static void main(String[] args) throws Exception {
        int urls = Integer.parseInt(args[0]);
        int hosts = Integer.parseInt(args[1]);
        long latency = Long.parseLong(args[2]);
        String delay = args[3];
        String concurrency = args[4];
        Path dir = Files.createTempDirectory("enrich-workers-bench");
        Path template = dir.resolve("template.db");
        WorkerFleet.archive(dir, template.toString(), urls, hosts);
        for (int a = 5; a < args.length; a++) {
            int workers = Integer.parseInt(args[a]);
            Path db = dir.resolve("run-" + workers + ".db");
            Files.copy(template, db, StandardCopyOption.REPLACE_EXISTING);
            try (WorkerFleet web = new WorkerFleet(latency)) {
                long start = System.nanoTime();
                List<Process> ps = new ArrayList<>();
                for (int n = 0; n < workers; n++) {
                    List<String> cmd = new ArrayList<>(List.of(web.enrich(db.toString(), n, delay, "30s")));
                    cmd.add("--concurrency=" + concurrency);
                    ps.add(ChildCurrents.start(
                            dir.resolve("worker-" + workers + "-" + n + ".log"), cmd.toArray(String[]::new)));
                }
                for (Process p : ps) {
                    if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                        throw new AssertionError("a worker failed; see " + dir);
                    }
                }
                double wall = (System.nanoTime() - start) / 1e9;
                List<WorkerFleet.Hit> pages =
                        web.hits().stream().filter(h -> !h.robots()).toList();
                long first =
                        pages.stream().mapToLong(WorkerFleet.Hit::nanos).min().orElseThrow();
                long last =
                        pages.stream().mapToLong(WorkerFleet.Hit::nanos).max().orElseThrow();
                double served = (last - first) / 1e9;
                System.out.printf(
                        "workers %d: %d pages (%d URLs) in %.1f s at the server = %.1f pages/s; wall %.1f s%n",
                        workers, pages.size(), web.pagesByUrl().size(), served, (pages.size() - 1) / served, wall);
            }
        }
    }
}
