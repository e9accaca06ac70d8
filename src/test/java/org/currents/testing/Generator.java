package org.currents.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs ../shared/tools/gen_corpus.py, the synthetic revision-history generator, and the project's
 * full-history benchmark input, bench/gen_history.py.
 */
public final class Generator {
    /** Debian's python, where python3-mwparserfromhell lives too. */
    public static final String PYTHON =
            Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";

    private Generator() {}

    /**
     * Writes an export (and its ground truth) into {@code dir}.
     *
     * @param args generator arguments, e.g. {@code --preset small}
     * @return the export; the truth file is next to it with {@code .truth.jsonl}
     */
    public static Path generate(Path dir, String name, String... args) throws IOException, InterruptedException {
        Path script = Archives.SHARED.resolve("tools/gen_corpus.py");
        assumeTrue(Files.isRegularFile(script), "../shared/tools is absent");
        Path out = dir.resolve(name + ".xml");
        List<String> cmd = new ArrayList<>(List.of(PYTHON, script.toString()));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of(
                "--out",
                out.toString(),
                "--truth",
                dir.resolve(name + ".truth.jsonl").toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("gen_corpus.py failed: " + output);
        }
        return out;
    }

    /**
     * Writes an instance of the full-history benchmark input ({@code bench/gen_history.py}) and
     * its ground truth ({@code truth}) into {@code dir}.
     *
     * @param options generator options, e.g. {@code --days 60}
     * @return the export, {@code dir/name.xml}
     */
    public static Path history(Path dir, String name, Path truth, String... options)
            throws IOException, InterruptedException {
        Path cec = Archives.SHARED.resolve("corpus/cec-yaml/cec-yaml.tar.xz");
        assumeTrue(Files.isRegularFile(cec), "../shared/corpus is absent");
        Path out = dir.resolve(name + ".xml");
        List<String> command = new ArrayList<>(List.of(PYTHON, "bench/gen_history.py", "--cec", cec.toString()));
        command.addAll(List.of(options));
        command.addAll(List.of("--out", out.toString(), "--truth", truth.toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(
                    "bench/gen_history.py failed (it needs PyYAML: Debian's python3-yaml): " + output);
        }
        return out;
    }

    /** The truth file next to an export written by {@link #generate}. */
    public static Path truth(Path export) {
        String name = export.getFileName().toString().replaceFirst("\\.xml$", "");
        return export.resolveSibling(name + ".truth.jsonl");
    }
}
