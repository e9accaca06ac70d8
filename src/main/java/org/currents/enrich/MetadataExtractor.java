package org.currents.enrich;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.internal.StringUtil;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Extracts an article's metadata from its HTML page. For each field the first source that has
 * a non-blank value wins, in this order:
 *
 * <ul>
 *   <li>title: {@code og:title}, {@code twitter:title}, the JSON-LD article's {@code headline}
 *       then {@code name}, {@code <meta name=title>}, {@code itemprop=headline}, {@code <title>}
 *       without its site-name part, the first {@code <h1>};
 *   <li>description: {@code og:description}, {@code twitter:description}, {@code <meta
 *       name=description>}, JSON-LD {@code description}, {@code itemprop=description};
 *   <li>image: {@code og:image}, {@code og:image:url}, {@code og:image:secure_url}, {@code
 *       twitter:image}, {@code twitter:image:src}, JSON-LD {@code image} then {@code
 *       thumbnailUrl}, {@code itemprop=image}, {@code <link rel=image_src>};
 *   <li>site name: JSON-LD {@code publisher.name} (the publisher's full name where {@code
 *       og:site_name} is often a short brand: "Wall Street Journal" against "WSJ"), {@code
 *       og:site_name}, {@code application-name};
 *   <li>published: {@code article:published_time}, JSON-LD {@code datePublished}, {@code
 *       itemprop=datePublished}, {@code parsely-pub-date}, {@code sailthru.date}, {@code
 *       DC.date.issued}, {@code date}, the first {@code <time datetime>} marked as the
 *       publication time, else the first {@code <time datetime>};
 *   <li>modified: {@code article:modified_time}, {@code og:updated_time}, JSON-LD {@code
 *       dateModified}, {@code itemprop=dateModified};
 *   <li>canonical URL: {@code <link rel=canonical>}, {@code og:url}, the JSON-LD article's
 *       {@code url} or {@code mainEntityOfPage};
 *   <li>language: {@code <html lang>}, {@code Content-Language} meta, {@code og:locale},
 *       JSON-LD {@code inLanguage};
 *   <li>author: JSON-LD {@code author} names, {@code <meta name=author>}, {@code
 *       article:author} (unless a URL), {@code parsely-author}, {@code sailthru.author}.
 * </ul>
 *
 * <p>Open Graph and Twitter cards come first because publishers write them for link previews,
 * which is what an event page shows; JSON-LD comes next, then the plain HTML fallbacks. URLs
 * are resolved against the page's final URL and must be http(s). Values are cleaned by {@link
 * TextCleaner}. The charset is taken from a byte-order mark, else the {@code Content-Type}
 * header, else {@code <meta charset>}, else UTF-8. Hostile pages are normal input: nothing
 * here throws on content.
 */
public final class MetadataExtractor {
    private static final Pattern CHARSET = Pattern.compile("(?i)charset\\s*=\\s*[\"']?([^\\s;\"',]+)");
    private static final Pattern TITLE_SEPARATOR = Pattern.compile("\\s+(?:[|\\-–—»·•:]|::|\\\\|/)\\s+");
    /** CJK titles join the site name without spaces: {@code 短缺药品保供稳价-新华网} on news.cn. */
    private static final Pattern BARE_SEPARATOR = Pattern.compile("(?<=[^\\p{IsLatin}\\p{Nd}\\s])[\\-_|]");

    private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*");
    static final int MAX_URL_LENGTH = 4_096;

    private MetadataExtractor() {}

    /**
     * Extracts the metadata of an HTML page from its bytes.
     *
     * @param body the page's bytes (already decompressed)
     * @param contentType the {@code Content-Type} header, or null
     * @param finalUrl the URL the page was fetched from, after redirects: relative URLs resolve
     *     against it
     * @return the metadata, with absent fields null
     */
    public static PageMetadata extract(byte[] body, String contentType, URI finalUrl) {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(finalUrl, "finalUrl");
        String base = finalUrl.toString();
        Document doc;
        try {
            doc = Jsoup.parse(new ByteArrayInputStream(body), headerCharset(contentType), base);
        } catch (IOException e) {
            // Reading from a byte array fails only on a charset jsoup cannot decode.
            throw new UncheckedIOException(e);
        }
        return extract(doc, base);
    }

    /** Extracts the metadata of an HTML page already decoded to text. */
    public static PageMetadata extract(String html, URI finalUrl) {
        Objects.requireNonNull(html, "html");
        Objects.requireNonNull(finalUrl, "finalUrl");
        String base = finalUrl.toString();
        return extract(Jsoup.parse(html, base), base);
    }

    /** The supported charset named by a {@code Content-Type} header, or null. */
    static String headerCharset(String contentType) {
        if (contentType == null) {
            return null;
        }
        Matcher m = CHARSET.matcher(contentType);
        if (!m.find()) {
            return null;
        }
        String name = m.group(1);
        try {
            return Charset.isSupported(name) ? Charset.forName(name).name() : null;
        } catch (IllegalCharsetNameException e) {
            return null;
        }
    }

    private static PageMetadata extract(Document doc, String base) {
        Map<String, String> meta = metaValues(doc);
        List<String> blocks = new ArrayList<>();
        for (Element script : doc.select("script[type~=(?i)application/ld\\+json]")) {
            blocks.add(script.data());
        }
        JsonLd ld = JsonLd.of(blocks);
        String title = first(
                () -> meta.get("og:title"),
                () -> meta.get("twitter:title"),
                () -> ld.text("headline"),
                () -> ld.text("name"),
                () -> meta.get("title"),
                () -> meta.get("headline"),
                () -> titleElement(doc),
                () -> TextCleaner.clean(textOf(doc.selectFirst("h1"))));
        String description = first(
                () -> meta.get("og:description"),
                () -> meta.get("twitter:description"),
                () -> meta.get("description"),
                () -> ld.text("description"));
        String image = firstUrl(
                base,
                meta.get("og:image"),
                meta.get("og:image:url"),
                meta.get("og:image:secure_url"),
                meta.get("twitter:image"),
                meta.get("twitter:image:src"),
                ld.image(),
                meta.get("image"),
                attr(doc.selectFirst("link[rel~=(?i)^image_src$][href]"), "href"));
        String siteName = first(ld::publisher, () -> meta.get("og:site_name"), () -> meta.get("application-name"));
        String published = first(
                () -> meta.get("article:published_time"),
                () -> meta.get("og:article:published_time"),
                () -> ld.text("datePublished"),
                () -> meta.get("datepublished"),
                () -> meta.get("parsely-pub-date"),
                () -> meta.get("sailthru.date"),
                () -> meta.get("dc.date.issued"),
                () -> meta.get("date"),
                () -> timeElement(doc));
        String modified = first(
                () -> meta.get("article:modified_time"),
                () -> meta.get("og:article:modified_time"),
                () -> meta.get("og:updated_time"),
                () -> ld.text("dateModified"),
                () -> meta.get("datemodified"));
        String canonical = firstUrl(
                base, attr(doc.selectFirst("link[rel~=(?i)^canonical$][href]"), "href"), meta.get("og:url"), ld.url());
        String language = language(doc, meta, ld);
        String author = first(
                ld::authors,
                () -> byline(meta.get("author")),
                () -> notUrl(meta.get("article:author")),
                () -> meta.get("parsely-author"),
                () -> byline(meta.get("sailthru.author")));
        return new PageMetadata(title, description, image, siteName, published, modified, canonical, language, author);
    }

    /**
     * The cleaned values of {@code <meta>} elements by lower-cased {@code property}, {@code name}
     * or {@code itemprop}; the first non-blank value of each key counts. A few pages put the
     * value in {@code value=} instead of {@code content=} (economictimes.indiatimes.com).
     */
    private static Map<String, String> metaValues(Document doc) {
        Map<String, String> values = new HashMap<>();
        for (Element meta : doc.getElementsByTag("meta")) {
            String value = meta.hasAttr("content") ? meta.attr("content") : meta.attr("value");
            String cleaned = TextCleaner.clean(value);
            if (cleaned == null) {
                continue;
            }
            for (String key : List.of("property", "name", "itemprop", "http-equiv")) {
                String k = meta.attr(key).trim().toLowerCase(Locale.ROOT);
                if (!k.isEmpty()) {
                    values.putIfAbsent(k, cleaned);
                }
            }
        }
        return values;
    }

    @SafeVarargs
    private static String first(Supplier<String>... candidates) {
        for (Supplier<String> candidate : candidates) {
            String value = candidate.get();
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    /** The first candidate that resolves against {@code base} to an http(s) URL. */
    private static String firstUrl(String base, String... candidates) {
        for (String candidate : candidates) {
            String url = absoluteUrl(base, candidate);
            if (url != null) {
                return url;
            }
        }
        return null;
    }

    static String absoluteUrl(String base, String candidate) {
        if (candidate == null) {
            return null;
        }
        String trimmed = candidate.strip();
        if (trimmed.isEmpty() || trimmed.length() > MAX_URL_LENGTH) {
            return null;
        }
        String resolved = StringUtil.resolve(base, trimmed);
        String lower = resolved.toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://") ? resolved : null;
    }

    private static String attr(Element element, String name) {
        return element == null ? null : element.attr(name);
    }

    private static String textOf(Element element) {
        return element == null ? null : element.text();
    }

    /** The {@code <title>} without the site's name: the longest part between separators. */
    static String titleElement(Document doc) {
        Element title = doc.head().selectFirst("title");
        if (title == null) {
            title = doc.selectFirst("title");
        }
        String text = title == null ? null : TextCleaner.clean(title.text());
        if (text == null) {
            return null;
        }
        String[] parts = TITLE_SEPARATOR.split(text);
        if (parts.length == 1) {
            parts = BARE_SEPARATOR.split(text);
        }
        String longest = parts[0];
        for (String part : parts) {
            if (part.strip().length() > longest.strip().length()) {
                longest = part;
            }
        }
        return TextCleaner.clean(longest);
    }

    private static String timeElement(Document doc) {
        for (String query : List.of(
                "time[itemprop=datePublished][datetime]",
                "time[pubdate][datetime]",
                "article time[datetime]",
                "time[datetime]")) {
            Element time = doc.selectFirst(query);
            if (time != null) {
                String value = TextCleaner.clean(time.attr("datetime"));
                if (value != null) {
                    return value;
                }
            }
        }
        return null;
    }

    private static String language(Document doc, Map<String, String> meta, JsonLd ld) {
        Element html = doc.selectFirst("html");
        String[] candidates = {
            html == null ? null : html.attr("lang"),
            meta.get("content-language"),
            meta.get("og:locale"),
            meta.get("inlanguage"),
            ld.text("inLanguage")
        };
        for (String candidate : candidates) {
            if (candidate == null) {
                continue;
            }
            // the first of a list ("en-GB, en"); not split(","), which gives nothing for lang=","
            int comma = candidate.indexOf(',');
            String tag = (comma < 0 ? candidate : candidate.substring(0, comma))
                    .strip()
                    .replace('_', '-');
            if (LANGUAGE.matcher(tag).matches()) {
                return tag;
            }
        }
        return null;
    }

    /** An author line without its leading "By " ({@code By Carolyn Said} on sfchronicle.com). */
    private static String byline(String value) {
        if (value == null) {
            return null;
        }
        String s = value.regionMatches(true, 0, "by ", 0, 3) ? value.substring(3) : value;
        return TextCleaner.clean(s);
    }

    private static String notUrl(String value) {
        return value == null || value.startsWith("http://") || value.startsWith("https://") ? null : value;
    }
}
