package org.currents.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code currents} in a child JVM, for tests that need a real process: killed by a real signal,
 * or running beside another. Started small and quick (256 MB heap, C1 only, the CDS archive),
 * since the campaigns start hundreds of them. Output (stdout and stderr) goes to a log file.
 */
final class ChildCurrents {
    private ChildCurrents() {}

    /** Starts {@code currents args...}, its output into {@code log}. */
    static Process start(Path log, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-XX:+UseSerialGC"));
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Currents.class.getName());
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    /** What a child run printed and returned. */
    record Ended(int code, String output) {}

    /** Runs {@code currents args...} to its end (at most two minutes). */
    static Ended run(Path log, String... args) throws Exception {
        Process p = start(log, args);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("currents " + String.join(" ", args) + " did not end within 2 minutes");
        }
        return new Ended(p.exitValue(), Files.readString(log));
    }

    /** Sends {@code signal} ("9", "TERM", "INT") to {@code p} with kill(1). */
    static void kill(String signal, Process p) throws Exception {
        assertThat(signal(signal, p))
                .as("kill -" + signal + " of a child that still runs")
                .isTrue();
    }

    /**
     * Sends {@code kill -signal} to {@code p}; false when it could not be sent because the child
     * had just ended by itself (it may end between a wait that timed out and the signal).
     */
    static boolean signal(String signal, Process p) throws Exception {
        Process k = new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid()))
                .redirectErrorStream(true)
                .start();
        if (k.waitFor() == 0) {
            return true;
        }
        assertThat(p.waitFor(10, TimeUnit.SECONDS))
                .as("kill -" + signal + " failed, yet the child still runs")
                .isTrue();
        return false;
    }

    /**
     * Lets {@code p} run {@code millis} and then kills it with {@code kill -9}, unless it ended
     * first; returns whether it was killed.
     */
    static boolean killNineAfter(Process p, long millis) throws Exception {
        if (p.waitFor(millis, TimeUnit.MILLISECONDS)) {
            return false;
        }
        if (!signal("9", p)) {
            return false; // it ended by itself just now
        }
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        return true;
    }

    /** How long a child JVM takes to start and end doing nothing ({@code --version}), in ms. */
    static long startupMillis(Path dir) throws Exception {
        long start = System.nanoTime();
        run(dir.resolve("startup.log"), "--version");
        return (System.nanoTime() - start) / 1_000_000;
    }
}
