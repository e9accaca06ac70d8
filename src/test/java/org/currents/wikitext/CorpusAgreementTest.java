package org.currents.wikitext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.currents.model.Source;
import org.currents.wikitext.ReferenceComparison.Disagreement;
import org.currents.wikitext.ReferenceComparison.PageAgreement;
import org.currents.wikitext.ReferenceComparison.RefEvent;
import org.junit.jupiter.api.Test;

/**
 * Every real day page in {@code ../shared/corpus/wikitext}, read by currents and by the
 * reference extraction ({@code ../shared/tools/extract_mwp.py}, mwparserfromhell): every
 * disagreement must be one of those listed, with its reason, in {@code
 * src/test/resources/wikitext/known-differences.md}, and every listed one must still occur.
 * The agreement per page goes to {@code target/reports/wikitext-agreement.md} and the test's
 * output.
 */
class CorpusAgreementTest {
    private static final Path CORPUS = Wikitext.SHARED.resolve("corpus/wikitext");
    private static final Path TOOLS = Wikitext.SHARED.resolve("tools");
    private static final Path SCRIPT = Wikitext.FIXTURES.resolve("reference_extract.py");
    private static final Path KNOWN = Wikitext.FIXTURES.resolve("known-differences.md");
    private static final Path REPORT = Path.of("target/reports/wikitext-agreement.md");

    /** The Python that has python3-mwparserfromhell (Debian's); {@code -Dcurrents.python} overrides. */
    static final String PYTHON = System.getProperty("currents.python", "/usr/bin/python3");

    @Test
    void agreesWithTheReferenceExceptWhereListed() throws Exception {
        assumeTrue(Files.isDirectory(Wikitext.SHARED), "../shared is absent: no corpus to compare with");
        List<Path> pages;
        try (Stream<Path> files = Files.list(CORPUS)) {
            pages = files.filter(f -> f.toString().endsWith(".wiki")).sorted().toList();
        }
        assertThat(pages).as("pages in %s", CORPUS).isNotEmpty();
        Map<String, List<RefEvent>> reference = reference(pages);

        List<PageAgreement> agreements = new ArrayList<>();
        for (Path page : pages) {
            String name = page.getFileName().toString();
            ParseResult ours = DayPageParser.create().parse(Files.readString(page, StandardCharsets.UTF_8));
            assertThat(reference).as("reference output").containsKey(name);
            agreements.add(ReferenceComparison.compare(name.replace(".wiki", ""), ours, reference.get(name)));
        }

        Map<String, String> known = knownDifferences();
        Set<String> seen = new LinkedHashSet<>();
        List<String> unlisted = new ArrayList<>();
        for (PageAgreement a : agreements) {
            for (Disagreement d : a.disagreements()) {
                String key = key(ReferenceComparison.cells(d.row()));
                seen.add(key);
                if (!known.containsKey(key)) {
                    unlisted.add(d.row());
                }
            }
        }
        List<String> gone = new ArrayList<>(known.keySet());
        gone.removeAll(seen);
        String report = report(agreements, known);
        Files.createDirectories(REPORT.getParent());
        Files.writeString(REPORT, report, StandardCharsets.UTF_8);
        System.out.println(report);

        assertThat(unlisted)
                .as(
                        "disagreements with the reference that %s does not list (fix currents, or add the row"
                                + " with its reason)",
                        KNOWN)
                .isEmpty();
        assertThat(gone)
                .as("rows of %s that no longer occur (remove them)", KNOWN)
                .isEmpty();
    }

    /** Runs the reference extraction on the pages: file name to events. */
    private static Map<String, List<RefEvent>> reference(List<Path> pages) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(PYTHON, SCRIPT.toString(), TOOLS.toString()));
        pages.forEach(p -> command.add(p.toString()));
        Path errFile = Files.createTempFile("reference-extract", ".err");
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .redirectError(errFile.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
        } catch (IOException e) {
            throw new AssertionError(
                    "cannot run " + PYTHON + " for the reference extraction (install python3 and"
                            + " python3-mwparserfromhell, or set -Dcurrents.python): " + e.getMessage(),
                    e);
        }
        byte[] out;
        try (var stdout = process.getInputStream()) {
            out = stdout.readAllBytes();
        }
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("the reference extraction took more than 120 s");
        }
        byte[] err = Files.readAllBytes(errFile);
        Files.delete(errFile);
        String errText = new String(err, StandardCharsets.UTF_8).strip();
        if (process.exitValue() == 3) {
            fail("python3-mwparserfromhell is not installed, and the comparison needs it"
                    + " (apt-get install python3-mwparserfromhell; CI installs it): " + errText);
        }
        assertThat(process.exitValue())
                .as("exit code of %s; stderr: %s", String.join(" ", command.subList(0, 3)), errText)
                .isZero();
        ObjectMapper json = new ObjectMapper();
        Map<String, List<RefEvent>> byFile = new LinkedHashMap<>();
        for (String line : new String(out, StandardCharsets.UTF_8).split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode page = json.readTree(line);
            List<RefEvent> events = new ArrayList<>();
            for (JsonNode e : page.get("events")) {
                events.add(refEvent(e));
            }
            byFile.put(page.get("file").asText(), events);
        }
        return byFile;
    }

    static RefEvent refEvent(JsonNode e) {
        List<String> path = new ArrayList<>();
        e.get("path").forEach(n -> path.add(n.asText()));
        List<String> links = new ArrayList<>();
        e.get("links").forEach(n -> links.add(n.asText()));
        List<Source> sources = new ArrayList<>();
        e.get("sources")
                .forEach(n -> sources.add(new Source(n.get(0).asText(), n.get(1).asText())));
        return new RefEvent(e.get("category").asText(), path, e.get("text").asText(), links, sources);
    }

    /** The listed differences: key (page, event, field, currents, reference) to reason. */
    private static Map<String, String> knownDifferences() throws IOException {
        Map<String, String> known = new LinkedHashMap<>();
        for (String line : Files.readAllLines(KNOWN, StandardCharsets.UTF_8)) {
            if (!line.startsWith("|")) {
                continue;
            }
            List<String> cells = ReferenceComparison.cells(line);
            if (cells.get(0).equals("page") || cells.get(0).startsWith("---")) {
                continue;
            }
            assertThat(cells).as("cells of %s", line).hasSize(6);
            assertThat(cells.get(5)).as("reason of %s", line).isNotBlank();
            String previous = known.put(key(cells), cells.get(5));
            assertThat(previous).as("row listed twice: %s", line).isNull();
        }
        return known;
    }

    private static String key(List<String> cells) {
        return String.join(" | ", cells.subList(0, 5));
    }

    private static String report(List<PageAgreement> agreements, Map<String, String> known) {
        StringBuilder r = new StringBuilder();
        r.append("# Wikitext agreement: currents against the reference extraction\n\n");
        r.append("Reference: `../shared/tools/extract_mwp.py` (mwparserfromhell). Events are paired by text, then")
                .append(" by a shared source URL; fields as compare.py normalises them. \"ours\" counts every")
                .append(" event currents reads, \"unsourced\" those of them without a source (the reference")
                .append(" reads only cited bullets).\n\n");
        r.append("| page | reference | ours | unsourced | paired (text + URL) | text | links | sources")
                .append(" | category | path | problems | differences |\n");
        r.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        int[] t = new int[12];
        for (PageAgreement a : agreements) {
            int[] v = {
                a.referenceEvents(),
                a.currentsEvents(),
                a.unsourced(),
                a.paired(),
                a.textAgrees(),
                a.linksAgree(),
                a.sourcesAgree(),
                a.categoryAgrees(),
                a.pathAgrees(),
                a.problems(),
                a.disagreements().size()
            };
            r.append("| ").append(a.page()).append(" | ");
            for (int k = 0; k < v.length; k++) {
                t[k] += v[k];
                if (k == 3) {
                    r.append(v[k])
                            .append(" (")
                            .append(a.pairedByText())
                            .append(" + ")
                            .append(a.pairedByUrl())
                            .append(")");
                } else {
                    r.append(v[k]);
                }
                r.append(k + 1 < v.length ? " | " : " |\n");
            }
        }
        r.append("| **all** | ");
        for (int k = 0; k < 11; k++) {
            r.append("**").append(t[k]).append("**").append(k + 1 < 11 ? " | " : " |\n");
        }
        r.append("\nText, links, sources, category and path count paired events that agree on that field.\n");
        r.append("\n## Differences\n\n| page | event | field | currents | reference | listed reason |\n");
        r.append("|---|---|---|---|---|---|\n");
        for (PageAgreement a : agreements) {
            for (Disagreement d : a.disagreements()) {
                String reason = known.get(key(ReferenceComparison.cells(d.row())));
                r.append(d.row())
                        .append(' ')
                        .append(reason == null ? "**NOT LISTED**" : reason)
                        .append(" |\n");
            }
        }
        return r.toString();
    }
}
