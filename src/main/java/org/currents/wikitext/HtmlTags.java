package org.currents.wikitext;

import java.util.Set;

/** The HTML tags MediaWiki allows in wikitext, and which of them hide their content. */
final class HtmlTags {
    // Sanitizer::getRecognizedTagData() plus the parser's extension tags seen on day pages.
    private static final Set<String> KNOWN = Set.of(
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
            "gallery",
            "math",
            "score",
            "templatestyles",
            "syntaxhighlight",
            "source",
            "timeline",
            "graph",
            "mapframe",
            "maplink",
            "references",
            "nowiki",
            "ref",
            "chem",
            "ce",
            "poem",
            "section",
            "includeonly",
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

    private HtmlTags() {}

    static boolean isKnown(String name) {
        return KNOWN.contains(name);
    }

    static boolean dropsContent(String name) {
        return DROPS_CONTENT.contains(name);
    }
}
