package org.currents.cli;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Progress lines on stderr, at most one a second: rewritten in place on a terminal, one line
 * each time otherwise (so that logs stay readable).
 */
final class Progress {
    private final PrintWriter err;
    private final boolean terminal;
    private final long start = System.nanoTime();
    private long last;
    private int width;

    Progress(PrintWriter err) {
        this.err = err;
        this.terminal = System.console() != null;
    }

    /** Shows {@code line} if a second has passed since the last one (or {@code force}). */
    void show(String line, boolean force) {
        long now = System.nanoTime();
        if (!force && now - last < 1_000_000_000L) {
            return;
        }
        last = now;
        if (terminal) {
            String padded = line.length() < width ? line + " ".repeat(width - line.length()) : line;
            width = line.length();
            err.print("\r" + padded);
        } else {
            err.println(line);
        }
        err.flush();
    }

    /**
     * Runs one of a command's closing steps, which take seconds on a large archive with nothing
     * to count: says what it does before it starts and how long it took once done.
     */
    <T> T step(String what, java.util.function.Supplier<T> work) {
        show(what + " ...", true);
        long t = System.nanoTime();
        T result = work.get();
        show(String.format(Locale.ROOT, "%s: %.1f s", what, (System.nanoTime() - t) / 1e9), true);
        return result;
    }

    /** Ends an in-place line so that what follows starts on its own line. */
    void done() {
        if (terminal && width > 0) {
            err.println();
            err.flush();
        }
    }

    double seconds() {
        return (System.nanoTime() - start) / 1e9;
    }

    static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
