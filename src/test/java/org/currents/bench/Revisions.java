package org.currents.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.currents.model.Revision;
import org.currents.model.WikiPage;
import org.currents.source.RevisionSink;
import org.currents.source.dump.DumpReader;

/** Inputs of the JMH benchmarks, read once into memory: pages of an export, pages of the corpus. */
public final class Revisions {
    private Revisions() {}

    /** One day page and its revisions, oldest first. */
    public record Page(WikiPage page, List<Revision> revisions) {
        /** Characters of wikitext in all its revisions. */
        public long chars() {
            return revisions.stream().mapToLong(r -> r.text().length()).sum();
        }
    }

    /** The first {@code pages} day pages of the export {@code file}, every revision with its text. */
    public static List<Page> firstPages(Path file, int pages) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(
                    "no export at " + file + " (see bench/jmh.md for the command that writes it)");
        }
        List<Page> out = new ArrayList<>();
        final class Enough extends RuntimeException {
            private static final long serialVersionUID = 1L;
        }
        try {
            DumpReader.of(file).readInto(new RevisionSink() {
                private Page current;

                @Override
                public void beginPage(WikiPage page) {
                    current = new Page(page, new ArrayList<>());
                }

                @Override
                public void revision(Revision revision) {
                    current.revisions().add(revision);
                }

                @Override
                public void endPage() {
                    out.add(current);
                    if (out.size() >= pages) {
                        throw new Enough();
                    }
                }
            });
        } catch (Enough e) {
            // read as many pages as asked
        }
        return out;
    }

    /** The texts of the real day pages in ../shared/corpus/wikitext, by file name. */
    public static List<String> corpusPages() throws IOException {
        Path dir = Path.of("..", "shared", "corpus", "wikitext");
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f :
                    files.filter(p -> p.toString().endsWith(".wiki")).sorted().toList()) {
                out.add(Files.readString(f));
            }
        }
        return out;
    }
}
