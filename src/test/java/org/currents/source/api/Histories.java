package org.currents.source.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.XMLStreamWriter;
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

    /**
     * Writes the pages of {@code wiki} as a MediaWiki XML export (schema 0.11), hidden parts as
     * {@code deleted="deleted"} the way dumps mark revision deletion.
     */
    public static void writeExport(FakeMediaWiki wiki, Path xml) throws IOException {
        try (Writer out = Files.newBufferedWriter(xml)) {
            XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            w.writeStartDocument("UTF-8", "1.0");
            w.writeStartElement("mediawiki");
            w.writeDefaultNamespace("http://www.mediawiki.org/xml/export-0.11/");
            w.writeAttribute("version", "0.11");
            for (String title : wiki.titles().stream().sorted().toList()) {
                w.writeStartElement("page");
                element(w, "title", title);
                element(w, "ns", "100");
                element(w, "id", Long.toString(wiki.pageId(title)));
                for (FakeMediaWiki.Rev r : wiki.revisions(title)) {
                    w.writeStartElement("revision");
                    element(w, "id", Long.toString(r.id()));
                    if (r.parentId() > 0) {
                        element(w, "parentid", Long.toString(r.parentId()));
                    }
                    element(w, "timestamp", r.timestamp().toString());
                    if (r.userHidden()) {
                        w.writeEmptyElement("contributor");
                        w.writeAttribute("deleted", "deleted");
                    } else {
                        w.writeStartElement("contributor");
                        element(w, "username", r.user());
                        w.writeEndElement();
                    }
                    if (r.commentHidden()) {
                        w.writeEmptyElement("comment");
                        w.writeAttribute("deleted", "deleted");
                    } else {
                        element(w, "comment", r.comment());
                    }
                    element(w, "model", "wikitext");
                    element(w, "format", "text/x-wiki");
                    if (r.textHidden()) {
                        w.writeEmptyElement("text");
                        w.writeAttribute("bytes", "0");
                        w.writeAttribute("deleted", "deleted");
                        w.writeEmptyElement("sha1");
                    } else {
                        w.writeStartElement("text");
                        w.writeAttribute("xml:space", "preserve");
                        w.writeCharacters(r.text());
                        w.writeEndElement();
                        element(w, "sha1", base36(r.sha1()));
                    }
                    w.writeEndElement();
                }
                w.writeEndElement();
            }
            w.writeEndElement();
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write " + xml + ": " + e.getMessage(), e);
        }
    }

    private static void element(XMLStreamWriter w, String name, String text) throws XMLStreamException {
        w.writeStartElement(name);
        w.writeCharacters(text);
        w.writeEndElement();
    }

    /** Dumps write SHA-1 in base 36, 31 digits. */
    private static String base36(String hex) {
        String s = new BigInteger(hex, 16).toString(36);
        return "0".repeat(Math.max(0, 31 - s.length())) + s;
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
                        ? day.atTime(12, 0).toInstant(ZoneOffset.UTC)
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
