package org.currents.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Nu HTML Checker (the W3C's validator, {@code nu.validator:validator}) run offline over whole
 * built sites in one call. Its command-line client, {@code SimpleCommandLineValidator}, walks
 * folders and needs no network (the schemas are in its jar), but it ends with {@code System.exit},
 * so it runs in a child JVM on the test class path; its embedded API checks one file per call.
 */
public final class HtmlChecker {
    private HtmlChecker() {}

    /**
     * The errors the checker finds in every {@code .html} file under {@code folders}, one line
     * each ({@code "file:…/index.html":3.63-3.79: error: …}); empty when there is none.
     *
     * @throws IllegalStateException if the checker failed without reporting errors
     */
    public static List<String> errors(Path... folders) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                "nu.validator.client.SimpleCommandLineValidator",
                "--skip-non-html",
                "--errors-only",
                "--no-langdetect",
                "--format",
                "gnu"));
        for (Path folder : folders) {
            command.add(folder.toAbsolutePath().toString());
        }
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("the Nu checker did not finish in 5 minutes:\n" + output);
            }
            List<String> errors = new ArrayList<>();
            for (String line : output.split("\n")) {
                if (line.startsWith("\"file:") || line.contains(": error:") || line.contains(": fatal:")) {
                    errors.add(line);
                }
            }
            if (process.exitValue() != 0 && errors.isEmpty()) {
                throw new IllegalStateException(
                        "the Nu checker failed (exit " + process.exitValue() + ") without naming an error:\n" + output);
            }
            return errors;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the Nu checker ran", e);
        }
    }
}
