package org.currents.source.api;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.currents.source.DayPageTitle;

/** Fills a {@link FakeMediaWiki} with revision histories: from an XML export, or real day pages. */
public final class Histories {
    /** The real day pages shared by the project: one revision each. */
    public static final Path CORPUS = Path.of("..", "shared", "corpus", "wikitext");

    private static final Pattern CORPUS_FILE = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})__.*?(?:rev(\\d+))?\\.wiki");

    private Histories() {}

    /**
     * Loads every page of a MediaWiki XML export (schema 0.10/0.11, as ../shared/tools/gen_corpus.py
     * writes), with {@code deleted="deleted"} on text, contributor or comment read as hidden.
     *
     * @return the titles loaded, in file order
     */
    public static List<String> loadExport(Path xml, FakeMediaWiki wiki) throws IOException {
        return loadExport(xml, wiki, UnaryOperator.identity());
    }

    /**
     * Loads an export as {@link #loadExport(Path, FakeMediaWiki)} does, each page under the
     * title {@code retitle} gives it (to put scattered days next to each other).
     */
    public static List<String> loadExport(Path xml, FakeMediaWiki wiki, UnaryOperator<String> retitle)
            throws IOException {
        List<String> titles = new ArrayList<>();
        try (InputStream in = Files.newInputStream(xml)) {
            XMLStreamReader r = XMLInputFactory.newFactory().createXMLStreamReader(in);
            String title = null;
            RevBuilder rev = null;
            while (r.hasNext()) {
                if (r.next() != XMLStreamConstants.START_ELEMENT) {
                    if (r.getEventType() == XMLStreamConstants.END_ELEMENT
                            && r.getLocalName().equals("revision")) {
                        wiki.add(title, rev.build());
                        rev = null;
                    }
                    continue;
                }
                String name = r.getLocalName();
                boolean deleted = "deleted".equals(r.getAttributeValue(null, "deleted"));
                if (name.equals("title")) {
                    title = retitle.apply(DayPageTitle.normalise(r.getElementText()));
                    titles.add(title);
                } else if (name.equals("revision")) {
                    rev = new RevBuilder();
                } else if (rev != null) {
                    switch (name) {
                        case "id" -> {
                            if (rev.id == 0) {
                                rev.id = Long.parseLong(r.getElementText().trim());
                            }
                        }
                        case "parentid" ->
                            rev.parentId = Long.parseLong(r.getElementText().trim());
                        case "timestamp" ->
                            rev.timestamp = Instant.parse(r.getElementText().trim());
                        case "contributor" -> rev.userHidden = deleted;
                        case "username", "ip" -> rev.user = r.getElementText();
                        case "comment" -> {
                            rev.commentHidden = deleted;
                            rev.comment = deleted ? "" : r.getElementText();
                        }
                        case "text" -> {
                            rev.textHidden = deleted;
                            rev.text = deleted ? "" : r.getElementText();
                        }
                        default -> {}
                    }
                }
            }
        } catch (XMLStreamException e) {
            throw new IOException("cannot read " + xml + ": " + e.getMessage(), e);
        }
        return titles;
    }

    private static final class RevBuilder {
        long id;
        long parentId;
        Instant timestamp;
        String user = "";
        String comment = "";
        String text = "";
        boolean textHidden;
        boolean userHidden;
        boolean commentHidden;

        FakeMediaWiki.Rev build() {
            return new FakeMediaWiki.Rev(
                    id, parentId, timestamp, user, comment, text, textHidden, userHidden, commentHidden);
        }
    }

    /**
     * Loads each file of ../shared/corpus/wikitext as one revision of its day's page (the day
     * and revision id come from the file name; files without an id get a new one).
     *
     * @return the days loaded
     */
    public static List<LocalDate> loadCorpus(FakeMediaWiki wiki) throws IOException {
        List<LocalDate> days = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(CORPUS)) {
            files = s.filter(p -> p.toString().endsWith(".wiki")).sorted().toList();
        }
        for (Path f : files) {
            Matcher m = CORPUS_FILE.matcher(f.getFileName().toString());
            if (!m.matches()) {
                continue;
            }
            LocalDate day = LocalDate.parse(m.group(1));
            String title = DayPageTitle.of(day);
            String text = Files.readString(f);
            if (m.group(2) == null) {
                wiki.edit(title, "CorpusLoader", "from " + f.getFileName(), text);
            } else {
                List<FakeMediaWiki.Rev> revs = wiki.revisions(title);
                Instant at = revs.isEmpty()
                        ? day.atTime(12, 0).toInstant(java.time.ZoneOffset.UTC)
                        : revs.get(revs.size() - 1).timestamp().plusSeconds(60);
                long parent = revs.isEmpty() ? 0 : revs.get(revs.size() - 1).id();
                wiki.add(
                        title,
                        new FakeMediaWiki.Rev(
                                Long.parseLong(m.group(2)),
                                parent,
                                at,
                                "CorpusLoader",
                                "from " + f.getFileName(),
                                text,
                                false,
                                false,
                                false));
            }
            if (!days.contains(day)) {
                days.add(day);
            }
        }
        return days;
    }
}
