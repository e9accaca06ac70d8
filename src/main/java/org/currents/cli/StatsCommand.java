package org.currents.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import org.currents.store.ArchiveStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code currents stats}: counts of what the archive holds. */
@Command(
        name = "stats",
        mixinStandardHelpOptions = true,
        description = "Print counts of what the archive holds: pages, revisions, events, versions, problems, ...")
final class StatsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DbOption db;

    @Option(names = "--json", description = "Print one flat JSON object.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Map<String, Long> stats;
        try (ArchiveStore store = db.openForReading(spec.commandLine().getErr())) {
            stats = store.stats();
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.MAPPER.writeValueAsString(stats));
        } else {
            int width = stats.keySet().stream().mapToInt(String::length).max().orElse(0);
            for (Map.Entry<String, Long> e : stats.entrySet()) {
                out.printf("%-" + width + "s  %s%n", e.getKey(), Progress.count(e.getValue()));
            }
        }
        out.flush();
        return Currents.OK;
    }
}
