package org.currents.cli;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code currents} command: the root of every subcommand, and the one place where
 * failures become exit codes (0 ok, 1 failure, 2 usage) and one clear line for the user.
 */
@Command(
        name = "currents",
        mixinStandardHelpOptions = true,
        versionProvider = Currents.Version.class,
        description =
                "Turns the revision history of Wikipedia's Portal:Current events into a versioned, linked news archive.",
        subcommands = {CommandLine.HelpCommand.class})
public final class Currents {

    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT, description = "Print stack traces of failures.")
    boolean verbose;

    /** Exit code of a successful run. */
    public static final int OK = 0;
    /** Exit code of a run that failed (bad input, unreachable store, ...). */
    public static final int FAILURE = 1;
    /** Exit code of a run with bad flags or arguments. */
    public static final int USAGE = 2;

    /** Runs {@code currents} with {@code args} and exits with its exit code. */
    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /**
     * Runs {@code currents} in-process with the given streams, as tests do.
     *
     * @return the exit code
     */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        // a command named first needs no other: picocli's model of the thirteen took 0.17 s of
        // every start (-Xlog:class+load), a sixth of a one-revision import; help, an option
        // first or an unknown name get them all (the root's usage lists every command)
        Object only = args.length > 0 ? Subcommands.named(args[0]) : null;
        CommandLine cl = commandLine(out, err, only == null ? Subcommands.all() : List.of(only));
        return cl.execute(args);
    }

    /** The configured command line, with every subcommand and the exit-code mapping. */
    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        return commandLine(out, err, Subcommands.all());
    }

    private static CommandLine commandLine(PrintWriter out, PrintWriter err, List<Object> subcommands) {
        Currents root = new Currents();
        CommandLine cl = new CommandLine(root);
        for (Object sub : subcommands) {
            cl.addSubcommand(sub);
        }
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler(new Failures(root));
        cl.setParameterExceptionHandler(new Failures(root));
        cl.setExitCodeExceptionMapper(t -> FAILURE);
        cl.setExecutionStrategy(Ranges.checkingFirst(new CommandLine.RunLast()));
        return cl;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Currents.class.getPackage().getImplementationVersion();
            return new String[] {"currents " + (v == null ? "(development build)" : v)};
        }
    }
}
