package org.currents.testing;

import com.thaiopensource.util.PropertyMapBuilder;
import com.thaiopensource.validate.ValidateProperty;
import com.thaiopensource.validate.ValidationDriver;
import com.thaiopensource.validate.rng.CompactSchemaReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Atom feeds (RFC 4287) of a built site: validated against the RFC's RELAX NG schema (Appendix
 * B, {@code src/test/resources/publish/atom.rnc}) with jing, and read into records for the
 * assertions a schema cannot make (ids, dates, links).
 */
public final class AtomFeeds {
    /** The Atom namespace. */
    public static final String ATOM = "http://www.w3.org/2005/Atom";

    private static final URL SCHEMA = AtomFeeds.class.getResource("/publish/atom.rnc");

    private AtomFeeds() {}

    /**
     * A link of a feed or entry.
     *
     * @param rel its rel ({@code alternate} when absent, as RFC 4287 4.2.7.2 says)
     * @param type its type, or null
     * @param href its href
     */
    public record Link(String rel, String type, String href) {}

    /**
     * An entry as the feed has it.
     *
     * @param id its atom:id
     * @param title its atom:title text
     * @param updated its atom:updated text
     * @param links its links
     * @param authors its authors' names
     */
    public record Entry(String id, String title, String updated, List<Link> links, List<String> authors) {}

    /**
     * A feed as the file has it.
     *
     * @param id its atom:id
     * @param title its atom:title text
     * @param updated its atom:updated text
     * @param links its links
     * @param authors its authors' names
     * @param entries its entries in order
     */
    public record Feed(
            String id, String title, String updated, List<Link> links, List<String> authors, List<Entry> entries) {
        /** The href of the first link with {@code rel}, or null. */
        public String link(String rel) {
            return links.stream()
                    .filter(l -> l.rel().equals(rel))
                    .map(Link::href)
                    .findFirst()
                    .orElse(null);
        }
    }

    /** What jing finds wrong with {@code feed} against RFC 4287's schema, one line each. */
    public static List<String> schemaErrors(Path feed) {
        List<String> errors = new ArrayList<>();
        ErrorHandler collect = new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {}

            @Override
            public void error(SAXParseException e) {
                errors.add(feed.getFileName() + ":" + e.getLineNumber() + ":" + e.getColumnNumber() + ": "
                        + e.getMessage());
            }

            @Override
            public void fatalError(SAXParseException e) {
                error(e);
            }
        };
        PropertyMapBuilder properties = new PropertyMapBuilder();
        properties.put(ValidateProperty.ERROR_HANDLER, collect);
        ValidationDriver driver = new ValidationDriver(properties.toPropertyMap(), CompactSchemaReader.getInstance());
        try {
            if (!driver.loadSchema(new InputSource(SCHEMA.toString()))) {
                throw new IllegalStateException("RFC 4287's schema did not load: " + errors);
            }
            driver.validate(new InputSource(feed.toUri().toString()));
        } catch (SAXException e) {
            errors.add(feed.getFileName() + ": " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return errors;
    }

    /** Reads {@code feed}; throws {@code IllegalArgumentException} if it is not well-formed Atom. */
    public static Feed read(Path feed) {
        Document doc;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            doc = factory.newDocumentBuilder().parse(feed.toFile());
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalArgumentException(feed + " is not well-formed XML: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Element root = doc.getDocumentElement();
        if (!ATOM.equals(root.getNamespaceURI()) || !"feed".equals(root.getLocalName())) {
            throw new IllegalArgumentException(feed + ": the root is not atom:feed but " + root.getTagName());
        }
        List<Entry> entries = new ArrayList<>();
        for (Element e : children(root, "entry")) {
            entries.add(new Entry(text(e, "id"), text(e, "title"), text(e, "updated"), links(e), authors(e)));
        }
        return new Feed(
                text(root, "id"), text(root, "title"), text(root, "updated"), links(root), authors(root), entries);
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node n = nodes.item(i);
            if (n instanceof Element e && ATOM.equals(e.getNamespaceURI()) && name.equals(e.getLocalName())) {
                out.add(e);
            }
        }
        return out;
    }

    private static String text(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0).getTextContent();
    }

    private static List<Link> links(Element parent) {
        List<Link> out = new ArrayList<>();
        for (Element l : children(parent, "link")) {
            String rel = l.hasAttribute("rel") ? l.getAttribute("rel") : "alternate";
            out.add(new Link(rel, l.hasAttribute("type") ? l.getAttribute("type") : null, l.getAttribute("href")));
        }
        return out;
    }

    private static List<String> authors(Element parent) {
        List<String> out = new ArrayList<>();
        for (Element a : children(parent, "author")) {
            out.add(text(a, "name"));
        }
        return out;
    }
}
