package org.currents.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.currents.store.Access;
import org.currents.store.ArchiveStore;
import org.currents.store.Stores;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code currents migrate}: copies a whole archive into a new one, of the same store or another. */
@Command(
        name = "migrate",
        header = "Copy a whole archive into a new one (SQLite, PostgreSQL).",
        mixinStandardHelpOptions = true,
        description =
                "Copy every page, revision, event, version, context and source of the archive --from into the new,"
                        + " empty archive --to (created when it is a missing SQLite file; a PostgreSQL database must"
                        + " exist). The target's export is then the source's, byte for byte. The source is read in "
                        + "one snapshot (writers may go on); the target is written in one transaction"
                        + " under its writer lock. Progress goes to stderr.")
final class MigrateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--from",
            required = true,
            paramLabel = "PATH|URL",
            converter = NonEmpty.Text.class,
            description = "The archive to copy (a SQLite file or a database URL, as --db).")
    String from;

    @Option(
            names = "--to",
            required = true,
            paramLabel = "PATH|URL",
            converter = NonEmpty.Text.class,
            description = "The new archive to copy into: must be empty.")
    String to;

    @Mixin
    WriterFlags writer;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        DbOption.refuseMissing(from);
        try (ArchiveStore source = Stores.open(from, Access.READ, DbOption.notices(err));
                ArchiveStore target = Stores.open(to, Access.WRITE, DbOption.notices(err));
                ArchiveStore.Lock lock = target.lockForWriting("currents migrate", writer.waits())) {
            if (source.describe().equals(target.describe())) {
                throw new UsageException("--from and --to name the same archive " + source.describe());
            }
            DbOption.warnIfUnfinished(source, err);
            source.copyTo(target, line -> {
                err.println("migrate: " + line);
                err.flush();
            });
            PrintWriter out = spec.commandLine().getOut();
            out.println("copied " + source.describe() + " into " + target.describe() + ": "
                    + target.stats().get("events") + " events, "
                    + target.stats().get("revisions") + " revisions");
            out.flush();
        }
        return Currents.OK;
    }
}
