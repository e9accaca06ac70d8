package org.currents.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns failures into exit codes and one line on stderr: usage errors exit 2 with picocli's
 * message and a hint, everything else exits 1 with the exception's message. Stack traces only
 * with {@code --verbose}.
 */
final class Failures implements IExecutionExceptionHandler, IParameterExceptionHandler {
    private final Currents root;

    Failures(Currents root) {
        this.root = root;
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println("currents: " + ex.getMessage());
        err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return Currents.USAGE;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parsed) {
        PrintWriter err = cl.getErr();
        if (ex instanceof UsageException) {
            err.println("currents: " + ex.getMessage());
            err.flush();
            return Currents.USAGE;
        }
        err.println("currents: " + message(ex));
        if (root.verbose) {
            ex.printStackTrace(err);
        }
        err.flush();
        return Currents.FAILURE;
    }

    /**
     * The exception's own message, or its type when it has none; an I/O failure wrapped with the
     * file it was writing ("cannot write x.md") also says why, from its cause ("No space left on
     * device"), once.
     */
    static String message(Throwable ex) {
        String m = ex.getMessage();
        if (m == null || m.isBlank()) {
            return ex.getClass().getSimpleName() + (ex.getCause() != null ? ": " + message(ex.getCause()) : "");
        }
        if (ex instanceof java.io.UncheckedIOException && ex.getCause() != null) {
            String why = ex.getCause() instanceof java.nio.file.FileSystemException fs
                    ? fs.getReason()
                    : ex.getCause().getMessage();
            if (why != null && !why.isBlank() && !m.contains(why)) {
                return m + ": " + why;
            }
        }
        return m;
    }
}
