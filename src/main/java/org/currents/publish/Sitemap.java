package org.currents.publish;

import java.io.StringWriter;
import java.time.DateTimeException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The sitemap (sitemaps.org protocol): {@code sitemap.xml} is always an index, of one sitemap
 * for the site-wide pages ({@code sitemaps/site.xml}: home, calendars, topic index and topic
 * pages) and one per month of the archive ({@code sitemaps/2017-07.xml}: that month's day pages
 * and its events' current pages). A sitemap past {@link #limit} addresses is split into parts
 * ({@code sitemaps/2017-07-part2.xml}, ...). A month's sitemap depends on that month's days
 * alone, so that the server draws it from a month of the archive and an incremental build
 * draws only the months of its dirty days. URLs are absolute (the site's base URL).
 */
final class Sitemap {
    /** URLs one sitemap file may hold (the protocol's limit). */
    static final int LIMIT = 50_000;

    /** URLs per sitemap file: {@link #LIMIT}, smaller only in tests of the split. */
    static volatile int limit = LIMIT;

    /** The index's path, without extension. */
    static final String INDEX = "sitemap";

    private static final String FOLDER = "sitemaps/";
    private static final String SITE = FOLDER + "site";
    private static final String PART = "-part";
    private static final String NS = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private static final XMLOutputFactory XML = XMLOutputFactory.newFactory();

    private Sitemap() {}

    /**
     * What a sitemap's path names.
     *
     * @param month its month, or null for the site-wide pages' sitemap
     * @param part its part, from 1
     */
    record Named(YearMonth month, int part) {}

    /** The path (no extension) of part {@code part} of the sitemap of {@code month} (null: the site's). */
    static String path(YearMonth month, int part) {
        String first = month == null ? SITE : FOLDER + month;
        return part == 1 ? first : first + PART + part;
    }

    /**
     * What {@code path} (no extension) names when it is a part's path as {@link #path} spells
     * it; null for any other path (the index too).
     */
    static Named parse(String path) {
        if (!path.startsWith(FOLDER)) {
            return null;
        }
        String name = path.substring(FOLDER.length());
        int part = 1;
        int p = name.indexOf(PART);
        if (p >= 0) {
            String n = name.substring(p + PART.length());
            if (n.isEmpty() || n.length() > 9 || !n.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return null;
            }
            part = Integer.parseInt(n);
            name = name.substring(0, p);
        }
        YearMonth month = null;
        if (!name.equals("site")) {
            try {
                month = YearMonth.parse(name);
            } catch (DateTimeException e) {
                return null;
            }
        }
        Named named = new Named(month, part);
        return part >= 1 && path(month, part).equals(path) ? named : null;
    }

    /** How many parts a sitemap of {@code urls} addresses has: at least one. */
    static int parts(int urls) {
        int l = limit;
        return Math.max(1, (urls + l - 1) / l);
    }

    /** Part {@code part} (from 1) of {@code urls}; empty past the last. */
    static List<String> part(List<String> urls, int part) {
        int l = limit;
        int from = (int) Math.min(urls.size(), (long) (part - 1) * l);
        return urls.subList(from, Math.min(urls.size(), from + l));
    }

    /**
     * The paths (no extension) of every sitemap the index lists, in its order: the site's
     * parts, then each month's, by month.
     *
     * @param siteUrls how many addresses the site-wide pages' sitemap holds
     * @param monthUrls how many each month's holds, by month
     */
    static List<String> all(int siteUrls, SortedMap<YearMonth, Integer> monthUrls) {
        List<String> out = new ArrayList<>();
        for (int p = 1; p <= parts(siteUrls); p++) {
            out.add(path(null, p));
        }
        for (Map.Entry<YearMonth, Integer> m : monthUrls.entrySet()) {
            for (int p = 1; p <= parts(m.getValue()); p++) {
                out.add(path(m.getKey(), p));
            }
        }
        return out;
    }

    /** The index of the sitemaps at {@code paths} (no extension, from {@link #all}). */
    static String index(Views.Site site, List<String> paths) {
        List<String> urls = new ArrayList<>(paths.size());
        paths.forEach(p -> urls.add(site.absolute("/" + p + ".xml")));
        return index(urls);
    }

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
