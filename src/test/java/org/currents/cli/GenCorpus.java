package org.currents.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Synthetic exports from {@code ../shared/tools/gen_corpus.py} (deterministic per arguments),
 * generated once into {@code target/test-corpora} and reused by later runs.
 */
final class GenCorpus {
    static final Path TOOL = Path.of("..", "shared", "tools", "gen_corpus.py");
    static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path CACHE = Path.of("target", "test-corpora");

    private GenCorpus() {}

    /** The export for these generator arguments, e.g. {@code "--preset", "small"}. */
    static Path export(String... args) {
        return generate(args).resolveSibling(name(args) + ".xml");
    }

    /** The ground truth of the export for these arguments: events per revision id, null where undefined. */
    static Map<Long, List<JsonNode>> truth(String... args) throws IOException {
        Path truth = generate(args).resolveSibling(name(args) + ".truth.jsonl");
        ObjectMapper json = new ObjectMapper();
        Map<Long, List<JsonNode>> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(truth)) {
            JsonNode n = json.readTree(line);
            JsonNode events = n.get("events");
            List<JsonNode> list = null;
            if (!events.isNull()) {
                list = new ArrayList<>();
                events.forEach(list::add);
            }
            out.put(n.get("rev").asLong(), list);
        }
        return out;
    }

    private static synchronized Path generate(String... args) {
        if (!Files.isRegularFile(TOOL) || !Files.isExecutable(PYTHON)) {
            throw new AssertionError("these tests need " + PYTHON + " and "
                    + TOOL.toAbsolutePath().normalize() + " (the shared tools folder next to the worktree)");
        }
        String name = name(args);
        Path xml = CACHE.resolve(name + ".xml");
        Path truth = CACHE.resolve(name + ".truth.jsonl");
        try {
            if (!Files.isRegularFile(truth)) {
                Files.createDirectories(CACHE);
                Path tmpXml = CACHE.resolve(name + ".xml.part");
                Path tmpTruth = CACHE.resolve(name + ".truth.part");
                List<String> command = new ArrayList<>(List.of(PYTHON.toString(), TOOL.toString()));
                command.addAll(List.of(args));
                command.addAll(List.of("--out", tmpXml.toString(), "--truth", tmpTruth.toString()));
                Process p = new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start();
                if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    p.destroyForcibly();
                    throw new AssertionError("gen_corpus.py " + String.join(" ", args) + " failed");
                }
                Files.move(tmpXml, xml, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                Files.move(tmpTruth, truth, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot run gen_corpus.py", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        return xml;
    }

    private static String name(String... args) {
        return String.join("", args).replace("--", "_").replaceAll("[^A-Za-z0-9_]", "");
    }
}
