package org.currents.wikitext;

import java.util.Set;

/** The HTML tags MediaWiki allows in wikitext, and which of them hide their content. */
final class HtmlTags {
    // Sanitizer::getRecognizedTagData() plus the parser's extension tags seen on day pages.
    private static final Set<String> SHOWS_CONTENT = Set.of(
            "abbr",
            "b",
            "bdi",
            "bdo",
            "big",
            "blockquote",
            "br",
            "caption",
            "center",
            "cite",
            "code",
            "data",
            "dd",
            "del",
            "dfn",
            "div",
            "dl",
            "dt",
            "em",
            "font",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "hr",
            "i",
            "ins",
            "kbd",
            "li",
            "mark",
            "ol",
            "p",
            "pre",
            "q",
            "rb",
            "rp",
            "rt",
            "rtc",
            "ruby",
            "s",
            "samp",
            "small",
            "span",
            "strike",
            "strong",
            "sub",
            "sup",
            "table",
            "td",
            "th",
            "time",
            "tr",
            "tt",
            "u",
            "ul",
            "var",
            "wbr",
            "math",
            "nowiki",
            "chem",
            "ce",
            "poem",
            "section",
            "noinclude",
            "onlyinclude");

    // Extension tags whose content is not running text (images, maps, markup, citations).
    private static final Set<String> DROPS_CONTENT = Set.of(
            "gallery",
            "score",
            "templatestyles",
            "syntaxhighlight",
            "source",
            "timeline",
            "graph",
            "mapframe",
            "maplink",
            "references",
            "ref",
            "includeonly");

    private static final Set<String> KNOWN = union(SHOWS_CONTENT, DROPS_CONTENT);

    private HtmlTags() {}

    private static Set<String> union(Set<String> a, Set<String> b) {
        java.util.Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }

    static boolean isKnown(String name) {
        return KNOWN.contains(name);
    }

    static boolean dropsContent(String name) {
        return DROPS_CONTENT.contains(name);
    }
}
