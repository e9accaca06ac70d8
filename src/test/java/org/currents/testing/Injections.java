package org.currents.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * What an injection leaves in a page, looked for in a parsed document (jsoup, for files and for
 * Markdown rendered to HTML) and in a live one ({@link #SCRIPT}, run in the browser): a script or
 * another active element, an {@code on…} handler attribute, a {@code javascript:}, {@code
 * vbscript:} or {@code data:} URL, a style that fetches. The site ships no JavaScript at all (the
 * issue: "no JavaScript needed to read anything"), so any script in its pages was injected.
 */
public final class Injections {
    /** Elements that run code, load another document or rewrite the page's links. */
    public static final Set<String> ACTIVE =
            Set.of("script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal", "style");

    /** Attributes whose value is a URL the browser loads or follows. */
    public static final Set<String> URL_ATTRIBUTES = Set.of(
            "href",
            "src",
            "action",
            "formaction",
            "poster",
            "srcset",
            "xlink:href",
            "background",
            "data",
            "cite",
            "ping",
            "lowsrc",
            "dynsrc",
            "manifest",
            "icon");

    private static final Pattern BAD_SCHEME = Pattern.compile("^(javascript|vbscript|data|livescript):");
    private static final Pattern FETCHING_STYLE = Pattern.compile("(?i)url\\s*\\(|expression\\s*\\(|@import");

    /**
     * The same checks as {@link #found(Document)}, as a script for the browser: it returns a list
     * of strings, one per finding, and also reports whether a payload ran ({@code window.__pwned}
     * set, the title changed to PWNED).
     */
    public static final String SCRIPT = """
            const bad = [];
            if (window.__pwned !== undefined) bad.push('a script ran: window.__pwned = ' + window.__pwned);
            if (document.title === 'PWNED') bad.push('a script ran: the title was set to PWNED');
            const active = new Set(%s);
            const urls = new Set(%s);
            for (const el of document.querySelectorAll('*')) {
              const tag = el.localName.toLowerCase();
              const shown = el.outerHTML.slice(0, 160);
              if (active.has(tag) && !(tag === 'style' && el.parentElement && el.parentElement.localName === 'head'
                  && !/url\\s*\\(|@import/i.test(el.textContent))) bad.push('element <' + tag + '>: ' + shown);
              if (tag === 'meta' && (el.getAttribute('http-equiv') || '').toLowerCase() === 'refresh')
                bad.push('meta refresh: ' + shown);
              for (const a of el.attributes) {
                const name = a.name.toLowerCase();
                if (name.startsWith('on')) bad.push('handler ' + name + ' on <' + tag + '>: ' + shown);
                if (urls.has(name)) {
                  const v = a.value.replace(/[\\u0000-\\u0020]/g, '').toLowerCase();
                  if (/^(javascript|vbscript|data|livescript):/.test(v)) bad.push('URL ' + name + '="' + a.value + '" on <' + tag + '>');
                }
                if (name === 'style' && /url\\s*\\(|expression\\s*\\(|@import/i.test(a.value))
                  bad.push('fetching style on <' + tag + '>: ' + shown);
              }
            }
            return bad;
            """.formatted(jsArray(ACTIVE), jsArray(URL_ATTRIBUTES));

    private Injections() {}

    private static String jsArray(Set<String> names) {
        return "['" + String.join("','", names.stream().sorted().toList()) + "']";
    }

    /**
     * What an injection left in {@code doc}, one line per finding; empty when clean. A {@code
     * <style>} in the head that fetches nothing is the site's own; anywhere else it is injected.
     */
    public static List<String> found(Document doc) {
        List<String> bad = new ArrayList<>();
        for (Element el : doc.getAllElements()) {
            String tag = el.normalName();
            String shown = shorten(el.outerHtml());
            boolean ownStyle = tag.equals("style")
                    && el.parent() != null
                    && el.parent().normalName().equals("head")
                    && !FETCHING_STYLE.matcher(el.data()).find();
            if (ACTIVE.contains(tag) && !ownStyle) {
                bad.add("element <" + tag + ">: " + shown);
            }
            if (tag.equals("meta") && el.attr("http-equiv").equalsIgnoreCase("refresh")) {
                bad.add("meta refresh: " + shown);
            }
            for (Attribute a : el.attributes()) {
                String name = a.getKey().toLowerCase(Locale.ROOT);
                if (name.startsWith("on")) {
                    bad.add("handler " + name + " on <" + tag + ">: " + shown);
                }
                if (URL_ATTRIBUTES.contains(name)) {
                    String v = a.getValue().replaceAll("[\\x00-\\x20]", "").toLowerCase(Locale.ROOT);
                    if (BAD_SCHEME.matcher(v).find()) {
                        bad.add("URL " + name + "=\"" + a.getValue() + "\" on <" + tag + ">");
                    }
                }
                if (name.equals("style") && FETCHING_STYLE.matcher(a.getValue()).find()) {
                    bad.add("fetching style on <" + tag + ">: " + shown);
                }
            }
        }
        return bad;
    }

    private static String shorten(String html) {
        String one = html.replace('\n', ' ');
        return one.length() > 160 ? one.substring(0, 160) + "…" : one;
    }
}
