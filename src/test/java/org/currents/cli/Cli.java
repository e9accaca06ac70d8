package org.currents.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;

/** Runs {@code currents} in-process with captured streams, as a user would from a shell. */
final class Cli {
    private Cli() {}

    /**
     * What one run printed and returned.
     *
     * @param code the exit code
     * @param out what went to stdout
     * @param err what went to stderr
     */
    record Run(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Currents.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    /** Runs and fails the test, showing both streams, unless the exit code is {@code code}. */
    static Run expect(int code, String... args) {
        Run r = run(args);
        if (r.code() != code) {
            throw new AssertionError(
                    "currents " + String.join(" ", Arrays.asList(args)) + ": expected exit " + code + ", got " + r);
        }
        return r;
    }
}
