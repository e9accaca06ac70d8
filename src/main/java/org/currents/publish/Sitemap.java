package org.currents.publish;

import java.io.StringWriter;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The sitemap (sitemaps.org protocol): one {@code urlset} of at most {@link #LIMIT} URLs, or,
 * for a larger site, an index of several. URLs are absolute (the site's base URL).
 */
final class Sitemap {
    /** URLs one sitemap file may hold (the protocol's limit). */
    static final int LIMIT = 50_000;

    private static final String NS = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private static final XMLOutputFactory XML = XMLOutputFactory.newFactory();

    private Sitemap() {}

    /** A {@code urlset} of {@code urls} (absolute). */
    static String urlset(List<String> urls) {
        return write("urlset", "url", urls);
    }

    /** A {@code sitemapindex} of the sitemaps at {@code urls} (absolute). */
    static String index(List<String> urls) {
        return write("sitemapindex", "sitemap", urls);
    }

    private static String write(String root, String item, List<String> urls) {
        StringWriter buffer = new StringWriter(64 * urls.size() + 128);
        try {
            XMLStreamWriter w = XML.createXMLStreamWriter(buffer);
            w.writeStartDocument("UTF-8", "1.0");
            w.writeCharacters("\n");
            w.writeStartElement(root);
            w.writeDefaultNamespace(NS);
            for (String u : urls) {
                w.writeCharacters("\n");
                w.writeStartElement(item);
                w.writeStartElement("loc");
                w.writeCharacters(XmlText.clean(u));
                w.writeEndElement();
                w.writeEndElement();
            }
            w.writeCharacters("\n");
            w.writeEndElement();
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write a sitemap", e);
        }
        return buffer.append('\n').toString();
    }
}
