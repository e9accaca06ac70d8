package org.currents.source.dump;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.currents.model.Revision;
import org.currents.model.WikiPage;
import org.currents.source.DayPageTitle;
import org.currents.source.RevisionSink;
import org.currents.source.RevisionSource;
import org.currents.source.Sha1;
import org.currents.source.SourceException;

/**
 * Streams a MediaWiki XML export or dump (schema 0.10 or 0.11; plain, gzip or bzip2, told
 * apart by their first bytes) and hands the revisions of Current events day pages to a sink.
 * Other pages are skipped and reported to {@link RevisionSink#skippedPage}. Memory holds one
 * revision at a time, whatever the file's size.
 *
 * <p>A file that is not XML, is truncated, or breaks the export schema ends the read with a
 * {@link SourceException} naming the file, line, column and page; the sink has then seen
 * {@code beginPage} without {@code endPage} for the page that broke.
 */
public final class DumpReader implements RevisionSource {
    private static final XMLInputFactory FACTORY = newFactory();
    // How the JDK's StAX reader and the decompressors say that input ended early: inside an
    // element ("XML document structures must start and end within the same entity."), before
    // the root ("Premature end of file."), or inside a compressed block.
    private static final Pattern ENDS_EARLY =
            Pattern.compile("must start and end within the same entity|Premature end of file|Unexpected end of"
                    + "|[Tt]runcated|end of (the )?(file|stream|input)");

    private final Path file;

    private DumpReader(Path file) {
        this.file = file;
    }

    /** A reader of {@code file}; nothing is opened until {@link #readInto}. */
    public static DumpReader of(Path file) {
        return new DumpReader(Objects.requireNonNull(file, "file"));
    }

    @Override
    public String describe() {
        return file.toString();
    }

    @Override
    public void readInto(RevisionSink sink) throws IOException {
        long total;
        try {
            total = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "no such file");
        }
        try (CountingStream counted = new CountingStream(open());
                InputStream in = decompressed(new BufferedInputStream(counted, 1 << 16), counted, total)) {
            XMLStreamReader xml;
            try {
                xml = FACTORY.createXMLStreamReader(new Utf8Reader(in, 1 << 16));
            } catch (XMLStreamException e) {
                throw failure(Corrupt.kind(e, "not XML"), e, null, null);
            }
            new ExportParser(xml, sink, counted, total, this).read();
        } catch (Corrupt e) {
            // while opening the decompressor, which reads the first block
            throw failure(e.where(), e, null, null);
        }
    }

    private InputStream open() throws IOException {
        try {
            return Files.newInputStream(file);
        } catch (IOException e) {
            // a file that is there but cannot be read is bad input of this source, like a broken one:
            // the import says so and goes on with the next file
            throw failure("cannot be read", e, null, null);
        }
    }

    /**
     * A decompressor's failure: corrupt or truncated compressed data, with the byte of the file
     * where the decompressor stood. Decompressors say only what broke ("Corrupted input,
     * selectorMtf value too big"), not in which file or where.
     */
    static final class Corrupt extends IOException {
        private static final long serialVersionUID = 1L;
        private final String format;
        private final long at;
        private final long total;

        Corrupt(String format, long at, long total, IOException cause) {
            super(cause.getMessage(), cause);
            this.format = format;
            this.at = at;
            this.total = total;
        }

        /** "corrupt bzip2 data near byte 1234 of 5678" (the reader buffers ahead: near, not at). */
        String where() {
            return "corrupt " + format + " data near byte " + at + (total > 0 ? " of " + total : "");
        }

        /**
         * What went wrong, for a message: the corrupt data and where when a decompressor failed on
         * it, else {@code otherwise} (a truncated file is {@code otherwise} too: the message then
         * ends "the file ends early", and the XML position says more than the buffered byte).
         */
        static String kind(Throwable t, String otherwise) {
            Corrupt c = in(t);
            if (c == null || c.truncated()) {
                return otherwise;
            }
            return c.where();
        }

        private boolean truncated() {
            Throwable cause = getCause();
            String m = cause.getMessage();
            return cause instanceof EOFException
                    || (m != null && ENDS_EARLY.matcher(m).find());
        }

        /** The decompressor failure in {@code t}'s causes, or null. */
        static Corrupt in(Throwable t) {
            for (int i = 0; t != null && i < 20; i++) {
                if (t instanceof Corrupt c) {
                    return c;
                }
                Throwable next = t instanceof XMLStreamException x && x.getNestedException() != null
                        ? x.getNestedException()
                        : t.getCause();
                t = next == t ? null : next;
            }
            return null;
        }
    }

    /** A decompressed stream whose every failure is a {@link Corrupt} naming the position. */
    private static final class Decompressed extends FilterInputStream {
        private final String format;
        private final CountingStream counted;
        private final long total;

        Decompressed(String format, InputStream in, CountingStream counted, long total) {
            super(in);
            this.format = format;
            this.counted = counted;
            this.total = total;
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException e) {
                throw corrupt(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (IOException e) {
                throw corrupt(e);
            }
        }

        private IOException corrupt(IOException e) {
            return e instanceof Corrupt || e instanceof SourceException
                    ? e
                    : new Corrupt(format, counted.count, total, e);
        }
    }

    private static InputStream decompressed(BufferedInputStream in, CountingStream counted, long total)
            throws IOException {
        in.mark(4);
        int b0 = in.read();
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            // the JDK's reader hands on what it inflated before a truncated end, so an error
            // points into the page that broke (Commons Compress drops the last buffer); it reads
            // concatenated members, as pigz and split dumps write them
            try {
                return new Decompressed("gzip", new GZIPInputStream(in, 1 << 16), counted, total);
            } catch (IOException e) {
                throw new Corrupt("gzip", counted.count, total, e);
            }
        }
        if (b0 == 'B' && b1 == 'Z' && b2 == 'h') {
            try {
                return new Decompressed("bzip2", new BZip2CompressorInputStream(in, true), counted, total);
            } catch (IOException e) {
                throw new Corrupt("bzip2", counted.count, total, e);
            }
        }
        return in;
    }

    /** A failure while reading, with the file, the position and the page it happened in. */
    SourceException failure(String what, Exception cause, XMLStreamReader xml, String page) {
        StringBuilder m = new StringBuilder(file.toString()).append(": ").append(what);
        if (xml != null) {
            try {
                var loc = xml.getLocation();
                if (loc != null && loc.getLineNumber() > 0) {
                    m.append(" at line ")
                            .append(loc.getLineNumber())
                            .append(", column ")
                            .append(loc.getColumnNumber());
                }
            } catch (RuntimeException ignored) {
                // the location is a courtesy; a broken reader may not have one
            }
        }
        if (page != null) {
            m.append(" (in page ").append(SourceException.quote(page)).append(")");
        }
        String detail = detail(cause);
        if (detail != null) {
            m.append(": ").append(detail);
        }
        return new SourceException(m.toString(), cause);
    }

    private static String detail(Throwable cause) {
        if (cause == null) {
            return null;
        }
        Throwable t = cause;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String msg = t.getMessage();
        if (t instanceof EOFException || (msg != null && ENDS_EARLY.matcher(msg).find())) {
            return "the file ends early (truncated?)";
        }
        if (msg == null) {
            return t.getClass().getSimpleName();
        }
        // the JDK prefixes messages with "ParseError at [row,col]:[..]\nMessage: "
        int at = msg.indexOf("Message: ");
        return at >= 0 ? msg.substring(at + "Message: ".length()).strip() : msg.strip();
    }

    /**
     * The JDK's own StAX reader, whatever else is on the class path: the settings below and the
     * messages {@link #detail} reads are its own (Woodstox, for one, refuses ACCESS_EXTERNAL_DTD
     * and would fail this class's initialisation).
     */
    static XMLInputFactory newFactory() {
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        // an export never needs a DTD or external entities; refusing them closes XXE
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
        return f;
    }

    /** Counts bytes read from the file, for progress. */
    static final class CountingStream extends FilterInputStream {
        long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }

    /** The element walk over one export. */
    private static final class ExportParser {
        private final XMLStreamReader xml;
        private final RevisionSink sink;
        private final CountingStream counted;
        private final long total;
        private final DumpReader owner;
        private String page;
        private long lastProgress;

        ExportParser(XMLStreamReader xml, RevisionSink sink, CountingStream counted, long total, DumpReader owner) {
            this.xml = xml;
            this.sink = sink;
            this.counted = counted;
            this.total = total;
            this.owner = owner;
        }

        void read() throws IOException {
            try {
                if (next() != XMLStreamConstants.START_ELEMENT || !"mediawiki".equals(xml.getLocalName())) {
                    throw owner.failure(
                            "not a MediaWiki export (root element <" + name() + ">, expected <mediawiki>)",
                            null,
                            xml,
                            null);
                }
                while (next() == XMLStreamConstants.START_ELEMENT) {
                    if ("page".equals(xml.getLocalName())) {
                        page();
                    } else {
                        skip();
                    }
                }
                sink.progress(counted.count, total);
            } catch (XMLStreamException e) {
                throw owner.failure(kind(e), e, xml, page);
            } catch (IllegalStateException e) {
                throw owner.failure("broken export", e, xml, page);
            } catch (IOException e) {
                if (e instanceof SourceException) {
                    throw e;
                }
                throw owner.failure(Corrupt.kind(e, "read failed"), e, xml, page);
            }
        }

        private static String kind(XMLStreamException e) {
            if (Corrupt.in(e) != null) {
                return Corrupt.kind(e, "malformed XML");
            }
            for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t instanceof CharacterCodingException) {
                    return "invalid UTF-8";
                }
                if (t instanceof XMLStreamException x && x.getNestedException() instanceof CharacterCodingException) {
                    return "invalid UTF-8";
                }
            }
            return "malformed XML";
        }

        private String name() {
            return xml.isStartElement() || xml.isEndElement() ? xml.getLocalName() : "?";
        }

        /**
         * The next start or end element, skipping text, comments and whitespace; -1 at the end.
         *
         * @throws SourceException at a DOCTYPE: exports have none, and its entities could read
         *     local files (XXE) or expand without bound
         */
        private int next() throws XMLStreamException, SourceException {
            while (xml.hasNext()) {
                int e = xml.next();
                if (e == XMLStreamConstants.START_ELEMENT || e == XMLStreamConstants.END_ELEMENT) {
                    return e;
                }
                if (e == XMLStreamConstants.DTD) {
                    throw owner.failure(
                            "a DOCTYPE declaration is refused (MediaWiki exports have none; its entities could"
                                    + " read local files)",
                            null,
                            xml,
                            page);
                }
            }
            return -1;
        }

        private void skip() throws XMLStreamException, SourceException {
            int depth = 1;
            while (depth > 0) {
                int e = next();
                if (e == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                } else if (e == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                } else if (e < 0) {
                    throw new XMLStreamException("unexpected end of document");
                }
            }
        }

        private void page() throws XMLStreamException, IOException {
            page = null;
            String title = null;
            long pageId = 0;
            boolean kept = false;
            while (next() == XMLStreamConstants.START_ELEMENT) {
                switch (xml.getLocalName()) {
                    case "title":
                        title = DayPageTitle.normalise(xml.getElementText());
                        page = title;
                        break;
                    case "id":
                        pageId = number("page id", xml.getElementText());
                        break;
                    case "revision":
                        if (!kept) {
                            kept = begin(title, pageId);
                        }
                        if (kept) {
                            sink.revision(revision());
                            progress();
                        } else {
                            skip();
                        }
                        break;
                    default:
                        skip();
                }
            }
            if (kept) {
                sink.endPage();
            } else if (title != null && !begin(title, pageId)) {
                sink.skippedPage(title);
            } else if (title != null) {
                sink.endPage(); // a day page without revisions in this file
            }
            page = null;
        }

        /** Starts a day page with the sink; false when {@code title} is not one. */
        private boolean begin(String title, long pageId) {
            if (title == null) {
                return false;
            }
            var day = DayPageTitle.parse(title);
            if (day.isEmpty()) {
                return false;
            }
            sink.beginPage(new WikiPage(title, day.get(), pageId));
            return true;
        }

        private Revision revision() throws XMLStreamException, IOException {
            Long id = null;
            long parent = 0;
            Instant ts = null;
            String contributor = "";
            String comment = "";
            String sha1 = "";
            String text = "";
            boolean hidden = false;
            while (next() == XMLStreamConstants.START_ELEMENT) {
                switch (xml.getLocalName()) {
                    case "id":
                        id = number("revision id", xml.getElementText());
                        break;
                    case "parentid":
                        parent = number("parent id", xml.getElementText());
                        break;
                    case "timestamp":
                        ts = timestamp(xml.getElementText());
                        break;
                    case "contributor":
                        contributor = contributor();
                        break;
                    case "comment":
                        comment = xml.getElementText();
                        break;
                    case "sha1":
                        sha1 = Sha1.toHex(xml.getElementText().strip());
                        break;
                    case "text":
                        hidden = xml.getAttributeValue(null, "deleted") != null;
                        text = xml.getElementText();
                        break;
                    default:
                        skip();
                }
            }
            if (id == null) {
                throw owner.failure("a revision without an id", null, xml, page);
            }
            if (id <= 0) {
                throw owner.failure("revision id must be a positive number: " + id, null, xml, page);
            }
            if (ts == null) {
                throw owner.failure("revision " + id + " has no timestamp", null, xml, page);
            }
            if (sha1.isEmpty() && !hidden) {
                sha1 = Sha1.of(text);
            }
            return new Revision(id, parent, ts, contributor, comment, sha1, text, hidden);
        }

        private String contributor() throws XMLStreamException, SourceException {
            String who = "";
            while (next() == XMLStreamConstants.START_ELEMENT) {
                String n = xml.getLocalName();
                if (n.equals("username") || n.equals("ip")) {
                    who = xml.getElementText();
                } else {
                    skip();
                }
            }
            return who;
        }

        private long number(String what, String value) throws SourceException {
            try {
                return Long.parseLong(value.strip());
            } catch (NumberFormatException e) {
                throw owner.failure(what + " is not a number: " + SourceException.quote(value), null, xml, page);
            }
        }

        private Instant timestamp(String value) throws SourceException {
            try {
                return Instant.parse(value.strip());
            } catch (DateTimeParseException e) {
                throw owner.failure("timestamp is not ISO-8601: " + SourceException.quote(value), null, xml, page);
            }
        }

        private void progress() {
            long now = counted.count;
            if (now - lastProgress >= 1 << 20) {
                lastProgress = now;
                sink.progress(now, total);
            }
        }
    }
}
