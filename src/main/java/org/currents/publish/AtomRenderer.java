package org.currents.publish;

import java.io.StringWriter;
import java.time.Instant;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Renders Atom feeds (RFC 4287) with the JDK's StAX writer, which escapes every text and
 * attribute; code points XML cannot carry are dropped first ({@link XmlText}). Ids are {@code
 * tag:} URIs (RFC 4151) made of the event id or the topic's key, so they never change between
 * builds or stores; {@code updated} is the newest version's revision time, so an unchanged
 * archive gives the same bytes.
 */
public final class AtomRenderer implements Renderer {
    /** The tagging entity of every id (RFC 4151): a name and the year it was first used. */
    public static final String TAG = "tag:currents-archive,2026:";

    private static final String ATOM = "http://www.w3.org/2005/Atom";
    private static final XMLOutputFactory XML = XMLOutputFactory.newFactory();

    @Override
    public String extension() {
        return "atom";
    }

    /** The id of event {@code id}'s entry in every feed. */
    public static String entryId(String id) {
        return TAG + "event/" + id;
    }

    @Override
    public String feed(Views.Feed feed, Views.Site site) {
        StringWriter buffer = new StringWriter(16384);
        try {
            XMLStreamWriter w = XML.createXMLStreamWriter(buffer);
            w.writeStartDocument("UTF-8", "1.0");
            w.writeCharacters("\n");
            w.writeStartElement("feed");
            w.writeDefaultNamespace(ATOM);
            element(w, "id", feed.id());
            element(w, "title", feed.title());
            Instant updated = feed.entries().isEmpty()
                    ? Instant.EPOCH
                    : feed.entries().get(0).updated();
            for (Views.EventItem e : feed.entries()) {
                updated = e.updated().isAfter(updated) ? e.updated() : updated;
            }
            element(w, "updated", updated.toString());
            link(w, "self", "application/atom+xml", site.absolute("/" + feed.path()));
            link(w, "alternate", "text/html", site.absolute("/" + feed.alternate() + ".html"));
            w.writeStartElement("author");
            element(w, "name", "Wikipedia contributors");
            element(w, "uri", site.portal());
            w.writeEndElement();
            element(w, "rights", "Text from Wikipedia's Current events portal, CC BY-SA 4.0");
            element(w, "generator", "currents");
            for (Views.EventItem e : feed.entries()) {
                w.writeCharacters("\n");
                w.writeStartElement("entry");
                element(w, "id", entryId(e.id()));
                element(w, "title", e.text());
                element(w, "updated", e.updated().toString());
                link(w, "alternate", "text/html", site.absolute("/" + e.path() + ".html"));
                element(w, "summary", e.text() + (e.removed() ? " (removed from the day page)" : ""));
                w.writeEndElement();
            }
            w.writeCharacters("\n");
            w.writeEndElement();
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write the feed " + feed.path(), e);
        }
        return buffer.append('\n').toString();
    }

    private static void element(XMLStreamWriter w, String name, String text) throws XMLStreamException {
        w.writeStartElement(name);
        w.writeCharacters(XmlText.clean(text));
        w.writeEndElement();
    }

    private static void link(XMLStreamWriter w, String rel, String type, String href) throws XMLStreamException {
        w.writeEmptyElement("link");
        w.writeAttribute("rel", rel);
        w.writeAttribute("type", type);
        w.writeAttribute("href", XmlText.clean(href));
    }
}
