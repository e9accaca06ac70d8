package org.currents.wikitext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;
import org.currents.model.ParsedEvent;
import org.currents.model.Source;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generator's small preset ({@code ../shared/tools/gen_corpus.py --preset small}, 640
 * revisions of 16 pages in every era), read revision by revision the way the importer does
 * (one parser, {@code forgetLines()} per page), scored against the generator's ground truth
 * exactly as {@code ../shared/tools/compare.py} scores a peer: every revision must be right.
 */
class GeneratedCorpusTest {
    private static final String[] FIELDS = {"category", "path", "text", "links", "sources"};

    @Test
    void readsEveryRevisionOfTheSmallPresetLikeTheGroundTruth(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isDirectory(Wikitext.SHARED), "../shared is absent: no generator");
        Path xml = dir.resolve("small.xml");
        Path truthFile = dir.resolve("small.truth.jsonl");
        long t0 = System.nanoTime();
        generate(xml, truthFile);
        long t1 = System.nanoTime();
        Map<Long, JsonNode> truth = truth(truthFile);
        long t2 = System.nanoTime();

        DayPageParser parser = DayPageParser.create();
        DayPageParser uncached = DayPageParser.of(new DayPageParser.Settings(16, 100, 0));
        Score score = new Score();
        readRevisions(xml, parser, (rev, text) -> {
            ParseResult ours = parser.parse(text);
            assertThat(uncached.parse(text))
                    .as("revision %d without the line cache", rev)
                    .isEqualTo(ours);
            ParserPropertiesTest.assertWellFormed(ours);
            score.add(rev, truth.get(rev), ours.events());
        });

        long t3 = System.nanoTime();
        System.out.println(score.summary());
        System.out.printf(
                "generate %.0f ms, truth %.0f ms, parse and score %.0f ms%n",
                (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6);
        assertThat(score.revisions + score.unscored).isEqualTo(truth.size());
        assertThat(score.failures)
                .as("revisions that differ from the ground truth")
                .isEmpty();
        assertThat(score.revisionsOk).isEqualTo(score.revisions);
    }

    private static void generate(Path xml, Path truth) throws IOException, InterruptedException {
        List<String> command = List.of(
                CorpusAgreementTest.PYTHON,
                Wikitext.SHARED.resolve("tools/gen_corpus.py").toString(),
                "--preset",
                "small",
                "--out",
                xml.toString(),
                "--truth",
                truth.toString());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        try (InputStream in = p.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(p.waitFor(120, TimeUnit.SECONDS))
                .as("gen_corpus.py finished")
                .isTrue();
        assertThat(p.exitValue()).as("gen_corpus.py: %s", output).isZero();
    }

    private static Map<Long, JsonNode> truth(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Map<Long, JsonNode> byRev = new HashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            JsonNode r = json.readTree(line);
            byRev.put(r.get("rev").asLong(), r.get("events"));
        }
        return byRev;
    }

    interface RevisionHandler {
        void revision(long id, String text);
    }

    /** Streams the export: each revision's id and text, {@code forgetLines()} at each page. */
    static void readRevisions(Path xml, DayPageParser parser, RevisionHandler handler) throws Exception {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        try (InputStream in = Files.newInputStream(xml)) {
            XMLStreamReader r = factory.createXMLStreamReader(in);
            boolean inRevision = false;
            long id = 0;
            while (r.hasNext()) {
                if (r.next() != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                switch (r.getLocalName()) {
                    case "page" -> parser.forgetLines();
                    case "revision" -> {
                        inRevision = true;
                        id = 0;
                    }
                    case "id" -> {
                        if (inRevision && id == 0) {
                            id = Long.parseLong(r.getElementText().strip());
                        }
                    }
                    case "contributor" -> skip(r);
                    case "text" -> {
                        handler.revision(id, r.getElementText());
                        inRevision = false;
                    }
                    default -> {}
                }
            }
            r.close();
        }
    }

    private static void skip(XMLStreamReader r) throws Exception {
        int depth = 1;
        while (depth > 0) {
            int e = r.next();
            depth += e == XMLStreamConstants.START_ELEMENT ? 1 : e == XMLStreamConstants.END_ELEMENT ? -1 : 0;
        }
    }

    /** compare.py's scoring: pair by source URL, compare normalised fields. */
    static final class Score {
        int revisions;
        int revisionsOk;
        int unscored;
        int truthEvents;
        int ourEvents;
        int paired;
        int missing;
        int extra;
        final Map<String, Integer> fieldErrors = new HashMap<>();
        final List<String> failures = new ArrayList<>();

        void add(long rev, JsonNode truth, List<ParsedEvent> all) {
            assertThat(truth).as("truth of revision %d", rev).isNotNull();
            if (truth.isNull()) {
                unscored++; // broken-markup vandalism: no defined answer, only "must not crash"
                return;
            }
            revisions++;
            List<ParsedEvent> ours = all.stream().filter(e -> !e.unsourced()).toList();
            ourEvents += ours.size();
            Map<String, Integer> byUrl = new HashMap<>();
            for (int i = 0; i < ours.size(); i++) {
                for (Source s : ours.get(i).sources()) {
                    byUrl.putIfAbsent(ReferenceComparison.ws(s.url()), i);
                }
            }
            Set<Integer> used = new HashSet<>();
            boolean ok = true;
            for (JsonNode t : truth) {
                truthEvents++;
                ReferenceComparison.RefEvent expected = CorpusAgreementTest.refEvent(t);
                Integer idx = null;
                for (Source s : expected.sources()) {
                    idx = byUrl.get(ReferenceComparison.ws(s.url()));
                    if (idx != null) {
                        break;
                    }
                }
                if (idx == null || !used.add(idx)) {
                    missing++;
                    ok = false;
                    fail(rev, "missing " + expected.text());
                    continue;
                }
                paired++;
                Map<String, Object> a = norm(expected);
                Map<String, Object> b = norm(ours.get(idx));
                for (String f : FIELDS) {
                    if (!a.get(f).equals(b.get(f))) {
                        fieldErrors.merge(f, 1, Integer::sum);
                        ok = false;
                        fail(rev, f + ": truth " + a.get(f) + ", ours " + b.get(f));
                    }
                }
            }
            int extras = ours.size() - used.size();
            extra += extras;
            if (extras > 0) {
                ok = false;
                fail(rev, extras + " extra events");
            }
            revisionsOk += ok ? 1 : 0;
        }

        private void fail(long rev, String what) {
            if (failures.size() < 20) {
                failures.add("rev " + rev + ": " + what);
            }
        }

        static Map<String, Object> norm(ReferenceComparison.RefEvent e) {
            return norm(e.category(), e.path(), e.text(), e.links(), e.sources());
        }

        static Map<String, Object> norm(ParsedEvent e) {
            return norm(e.category(), e.stories(), e.text(), e.links(), e.sources());
        }

        private static Map<String, Object> norm(
                String category, List<String> path, String text, List<String> links, List<Source> sources) {
            Map<String, Object> m = new HashMap<>();
            m.put("category", ReferenceComparison.ws(category));
            m.put("path", path.stream().map(ReferenceComparison::ws).toList());
            m.put("text", ReferenceComparison.ws(text));
            m.put(
                    "links",
                    links.stream().map(ReferenceComparison::link).sorted().toList());
            m.put(
                    "sources",
                    sources.stream()
                            .map(s -> ReferenceComparison.ws(s.url()) + "\n" + ReferenceComparison.ws(s.outlet()))
                            .sorted()
                            .toList());
            return m;
        }

        String summary() {
            return String.format(
                    "generated corpus (small preset): revisions compared %d, fully correct %d (%.1f%%), unscored"
                            + " (broken markup) %d%ntruth events %d, ours %d, paired %d, missing %d, extra %d,"
                            + " field errors %s",
                    revisions,
                    revisionsOk,
                    100.0 * revisionsOk / Math.max(revisions, 1),
                    unscored,
                    truthEvents,
                    ourEvents,
                    paired,
                    missing,
                    extra,
                    fieldErrors);
        }
    }
}
