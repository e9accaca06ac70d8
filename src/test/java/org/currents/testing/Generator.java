package org.currents.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs ../shared/tools/gen_corpus.py, the synthetic revision-history generator. */
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

    /** The truth file next to an export written by {@link #generate}. */
    public static Path truth(Path export) {
        String name = export.getFileName().toString().replaceFirst("\\.xml$", "");
        return export.resolveSibling(name + ".truth.jsonl");
    }
}
