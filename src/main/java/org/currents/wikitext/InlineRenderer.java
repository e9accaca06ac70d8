package org.currents.wikitext;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.currents.model.Source;
import org.jsoup.nodes.Entities;

/**
 * The inline scanner: renders one line of wikitext (a bullet's body or a heading) to what a
 * reader sees, collecting wikilink targets and cited sources on the way.
 *
 * <p>One pass over the characters. Brackets are paired once per line with a stack ({@code [[
 * ]]} and <code>{{ }}</code> separately), so unbalanced markup never makes the scan go back:
 * an opener without its closer is shown as the text it is, with a problem recorded.
 */
final class InlineRenderer {
    private static final String[] URL_SCHEMES = {"http://", "https://", "ftp://", "//"};
    private static final String[] FREE_URL_SCHEMES = {"http://", "https://", "ftp://"};

    /** Deepest nesting of links and templates rendered; deeper markup is shown as text. */
    static final int MAX_NESTING = 40;

    private String s;
    private int nesting;
    private boolean nestingReported;
    private long[] linkPairs;
    private long[] templatePairs;
    private List<Inline.LineProblem> problems;
    private final StringBuilder scratch = new StringBuilder();

    /** Where the output of a scan goes. Links and sources are shared by nested outputs. */
    static final class Out {
        final StringBuilder text;
        final List<String> links;
        final List<Source> sources;
        boolean ownText;
        /** Inside a link's label (text there is not "own text"), or a nested label. */
        boolean inLabel;

        Out(List<String> links, List<Source> sources) {
            this(links, sources, 16);
        }

        Out(List<String> links, List<Source> sources, int capacity) {
            this.text = new StringBuilder(capacity);
            this.links = links;
            this.sources = sources;
        }

        Out nested(boolean label) {
            Out o = new Out(links, sources);
            o.inLabel = label || inLabel;
            return o;
        }
    }

    Inline render(String line) {
        s = Quotes.strip(line);
        problems = new ArrayList<>(0);
        nesting = 0;
        nestingReported = false;
        linkPairs = pairs('[', ']');
        templatePairs = pairs('{', '}');
        Out out = new Out(new ArrayList<>(4), new ArrayList<>(2), s.length());
        scan(0, s.length(), out);
        return new Inline(
                Text.collapse(out.text),
                List.copyOf(out.links),
                List.copyOf(out.sources),
                out.ownText,
                topicPrefix(),
                problems);
    }

    // ---- structure

    /** Pairs of doubled brackets as (open << 32 | close), sorted by open. */
    private long[] pairs(char open, char close) {
        String t = s;
        int n = t.length();
        int first = t.indexOf(open);
        if (first < 0) {
            return new long[0];
        }
        int[] stack = new int[8];
        int depth = 0;
        long[] out = new long[8];
        int count = 0;
        for (int i = first; i < n - 1; i++) {
            char c = t.charAt(i);
            if (c == open && t.charAt(i + 1) == open) {
                if (depth == stack.length) {
                    stack = Arrays.copyOf(stack, depth * 2);
                }
                stack[depth++] = i;
                i++;
            } else if (c == close && t.charAt(i + 1) == close) {
                if (depth > 0) {
                    if (count == out.length) {
                        out = Arrays.copyOf(out, count * 2);
                    }
                    out[count++] = ((long) stack[--depth] << 32) | i;
                }
                i++;
            }
        }
        long[] result = Arrays.copyOf(out, count);
        Arrays.sort(result);
        return result;
    }

    /** The index of the closer paired with the opener at {@code open}, or -1. */
    private static int closeOf(long[] pairs, int open) {
        int lo = 0;
        int hi = pairs.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int o = (int) (pairs[mid] >>> 32);
            if (o < open) {
                lo = mid + 1;
            } else if (o > open) {
                hi = mid - 1;
            } else {
                return (int) pairs[mid];
            }
        }
        return -1;
    }

    private boolean topicPrefix() {
        int i = 0;
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        if (!s.startsWith("[[", i)) {
            return false;
        }
        int close = closeOf(linkPairs, i);
        if (close < 0) {
            return false;
        }
        int j = close + 2;
        while (j < s.length() && s.charAt(j) == ' ') {
            j++;
        }
        return j < s.length() && s.charAt(j) == ':';
    }

    // ---- the scanner

    void scan(int from, int to, Out out) {
        if (nesting >= MAX_NESTING) {
            // links in labels and templates in arguments, 40 deep: MediaWiki stops expanding
            // templates at this depth too ($wgMaxTemplateDepth); recursion must stop somewhere
            if (!nestingReported) {
                problem(from, "markup nested deeper than " + MAX_NESTING + ": shown as text");
                nestingReported = true;
            }
            for (int k = from; k < to; k++) {
                append(out, s.charAt(k));
            }
            return;
        }
        nesting++;
        try {
            scanFlat(from, to, out);
        } finally {
            nesting--;
        }
    }

    private void scanFlat(int from, int to, Out out) {
        int i = from;
        while (i < to) {
            // most characters are plain text: copy runs of them at once
            int run = i;
            while (i < to && isPlain(i, out)) {
                i++;
            }
            if (i > run) {
                appendRun(out, run, i);
                if (i == to) {
                    break;
                }
            }
            char c = s.charAt(i);
            switch (c) {
                case '[':
                    i = bracket(i, to, out);
                    break;
                case '{':
                    i = brace(i, to, out);
                    break;
                case '&':
                    i = entity(i, to, out);
                    break;
                case '<':
                    i = htmlTag(i, to, out);
                    break;
                case 'h':
                case 'H':
                case 'f':
                case 'F':
                    i = maybeFreeUrl(i, to, out);
                    break;
                default:
                    append(out, c);
                    i++;
            }
        }
    }

    /**
     * True when the character at i is shown as it is: not markup, not a control, invisible
     * or protected character, and not a letter that may start a free URL.
     */
    private boolean isPlain(int i, Out out) {
        char c = s.charAt(i);
        if (c < 0x20) {
            return false;
        }
        if (c < 0x7F) {
            switch (c) {
                case '[':
                case '{':
                case '&':
                case '<':
                    return false;
                case 'h':
                case 'H':
                case 'f':
                case 'F':
                    // the cases where maybeFreeUrl would show the letter without looking further
                    if (out.inLabel || i == 0) {
                        return out.inLabel;
                    }
                    char prev = s.charAt(i - 1);
                    return Character.isLetterOrDigit(prev) || prev == '/';
                default:
                    return true;
            }
        }
        return !Text.isInvisible(c)
                && !(c >= PageText.NOWIKI_BASE && c < PageText.NOWIKI_BASE + PageText.NOWIKI_SPECIALS.length());
    }

    /** Appends the plain characters [from, to) (see {@link #isPlain}). */
    private void appendRun(Out out, int from, int to) {
        if (!out.ownText && !out.inLabel) {
            for (int k = from; k < to; k++) {
                if (Character.isLetterOrDigit(s.charAt(k))) {
                    out.ownText = true;
                    break;
                }
            }
        }
        out.text.append(s, from, to);
    }

    private void append(Out out, char c) {
        if (c < 0x20) {
            // a newline only reaches a line from inside <nowiki>, which does not end the line
            // for MediaWiki either; shown, like a tab, as a space
            if (c == '\t' || c == '\n' || c == '\r') {
                out.text.append(' ');
            }
            return;
        }
        if (Text.isInvisible(c)) {
            return;
        }
        if (c >= PageText.NOWIKI_BASE && c < PageText.NOWIKI_BASE + PageText.NOWIKI_SPECIALS.length()) {
            c = PageText.NOWIKI_SPECIALS.charAt(c - PageText.NOWIKI_BASE);
        }
        if (!out.ownText && !out.inLabel && Character.isLetterOrDigit(c)) {
            out.ownText = true;
        }
        out.text.append(c);
    }

    private void appendAll(Out out, String text) {
        for (int k = 0; k < text.length(); k++) {
            append(out, text.charAt(k));
        }
    }

    private void problem(int at, String message) {
        if (problems.size() < 50) {
            problems.add(new Inline.LineProblem(at + 1, message));
        }
    }

    private int bracket(int i, int to, Out out) {
        if (i + 1 < to && s.charAt(i + 1) == '[') {
            int close = closeOf(linkPairs, i);
            if (close >= 0 && close + 2 <= to) {
                wikilink(i + 2, close, out);
                return close + 2;
            }
            problem(i, "unclosed [[: shown as text");
            append(out, '[');
            append(out, '[');
            return i + 2;
        }
        int urlStart = i + 1;
        if (startsWithScheme(urlStart, to, URL_SCHEMES)) {
            int end = externalLinkEnd(urlStart, to);
            if (end >= 0) {
                externalLink(urlStart, end, out);
                return end + 1;
            }
        }
        append(out, '[');
        return i + 1;
    }

    private int brace(int i, int to, Out out) {
        if (i + 1 < to && s.charAt(i + 1) == '{') {
            int close = closeOf(templatePairs, i);
            if (close >= 0 && close + 2 <= to) {
                Templates.render(this, TemplateCall.of(this, i + 2, close), out);
                return close + 2;
            }
            problem(i, "unclosed {{: shown as text");
            append(out, '{');
            append(out, '{');
            return i + 2;
        }
        append(out, '{');
        return i + 1;
    }

    // ---- wikilinks

    private void wikilink(int from, int to, Out out) {
        int pipe = topLevel('|', from, to);
        int targetEnd = pipe < 0 ? to : pipe;
        String rawTarget = s.substring(from, targetEnd);
        String target = rawTarget.strip();
        boolean leadingColon = target.startsWith(":");
        String namespace = namespace(leadingColon ? target.substring(1) : target);
        if (!leadingColon && (namespace.equals("file") || namespace.equals("image") || namespace.equals("media"))) {
            return; // an image: decoration, no text (its caption is not part of the sentence)
        }
        if (!leadingColon && namespace.equals("category")) {
            return; // categorises the page, shows nothing
        }
        String normalised = Links.normalise(decode(target));
        if (!normalised.isEmpty() && !isNonArticle(namespace)) {
            out.links.add(normalised);
        }
        Out label = out.nested(true);
        if (pipe < 0) {
            // [[Foo]] shows "Foo" as typed; [[:Category:Foo]] shows "Category:Foo"
            int shown = from;
            while (shown < targetEnd && Character.isWhitespace(s.charAt(shown))) {
                shown++;
            }
            if (leadingColon) {
                shown++;
            }
            scan(shown, targetEnd, label);
        } else if (pipe + 1 == to) {
            appendAll(label, Links.pipeTrick(decode(target)));
        } else {
            scan(pipe + 1, to, label);
        }
        out.text.append(label.text);
    }

    private static String namespace(String target) {
        int colon = target.indexOf(':');
        if (colon <= 0 || colon > 20) {
            return "";
        }
        return target.substring(0, colon).strip().toLowerCase(Locale.ROOT);
    }

    private static boolean isNonArticle(String namespace) {
        switch (namespace) {
            case "wikt":
            case "wiktionary":
            case "commons":
            case "file":
            case "image":
            case "media":
            case "category":
            case "special":
            case "template":
            case "help":
            case "user":
            case "user talk":
            case "wp":
            case "wikipedia":
            case "talk":
                return true;
            default:
                return false;
        }
    }

    /** The first {@code c} in [from, to) that is not inside nested links or templates. */
    int topLevel(char c, int from, int to) {
        int i = from;
        while (i < to) {
            char x = s.charAt(i);
            if (x == c) {
                return i;
            }
            if (x == '[' && i + 1 < to && s.charAt(i + 1) == '[') {
                int close = closeOf(linkPairs, i);
                if (close >= 0 && close < to) {
                    i = close + 2;
                    continue;
                }
            } else if (x == '{' && i + 1 < to && s.charAt(i + 1) == '{') {
                int close = closeOf(templatePairs, i);
                if (close >= 0 && close < to) {
                    i = close + 2;
                    continue;
                }
            }
            i++;
        }
        return -1;
    }

    // ---- external links

    private boolean startsWithScheme(int i, int to, String[] schemes) {
        for (String scheme : schemes) {
            if (i + scheme.length() < to && s.regionMatches(true, i, scheme, 0, scheme.length())) {
                char next = s.charAt(i + scheme.length());
                if (!Character.isWhitespace(next) && next != ']' && next != '/') {
                    return true;
                }
            }
        }
        return false;
    }

    /** The index of the ']' that closes an external link whose URL starts at i, or -1. */
    private int externalLinkEnd(int i, int to) {
        int j = i;
        while (j < to) {
            char c = s.charAt(j);
            if (c == ']') {
                return j;
            }
            if (c == '[' && j + 1 < to && s.charAt(j + 1) == '[') {
                int close = closeOf(linkPairs, j);
                if (close >= 0 && close < to) {
                    j = close + 2;
                    continue;
                }
            }
            if (c == '[') {
                return -1; // a second '[' before ']': not a link (MediaWiki agrees)
            }
            j++;
        }
        return -1;
    }

    private void externalLink(int from, int to, Out out) {
        int urlEnd = from;
        while (urlEnd < to) {
            char c = s.charAt(urlEnd);
            if (Character.isWhitespace(c) || c == '<' || c == '"' || Text.isSpaceLike(c)) {
                break;
            }
            urlEnd++;
        }
        String url = decode(s.substring(from, urlEnd)).strip();
        Out label = out.nested(true);
        scan(urlEnd, to, label);
        String outlet = Links.outlet(Text.collapse(label.text), url);
        out.sources.add(new Source(url, outlet));
    }

    private int maybeFreeUrl(int i, int to, Out out) {
        char prev = i == 0 ? ' ' : s.charAt(i - 1);
        if (out.inLabel
                || Character.isLetterOrDigit(prev)
                || prev == '/'
                || !startsWithScheme(i, to, FREE_URL_SCHEMES)) {
            append(out, s.charAt(i));
            return i + 1;
        }
        int j = i;
        while (j < to) {
            char c = s.charAt(j);
            if (Character.isWhitespace(c) || "[]<>\"{}|".indexOf(c) >= 0 || Text.isSpaceLike(c)) {
                break;
            }
            j++;
        }
        int end = j;
        while (end > i && ",;.:!?'".indexOf(s.charAt(end - 1)) >= 0) {
            end--;
        }
        String url = decode(s.substring(i, end));
        if (url.endsWith(")") && url.indexOf('(') < 0) {
            url = url.substring(0, url.length() - 1);
            end--;
        }
        out.sources.add(new Source(url, Links.host(url)));
        return end;
    }

    // ---- entities and tags

    private int entity(int i, int to, Out out) {
        int semi = -1;
        for (int j = i + 1; j < to && j - i <= 33; j++) {
            char c = s.charAt(j);
            if (c == ';') {
                semi = j;
                break;
            }
            if (!Character.isLetterOrDigit(c) && c != '#') {
                break;
            }
        }
        if (semi < 0) {
            append(out, '&');
            return i + 1;
        }
        String decoded = decodeEntity(s.substring(i + 1, semi));
        if (decoded == null) {
            append(out, '&');
            return i + 1;
        }
        appendAll(out, decoded);
        return semi + 1;
    }

    /** The text of entity {@code name} (without '&' and ';'), or null when it is not one. */
    static String decodeEntity(String name) {
        if (name.startsWith("#")) {
            try {
                int cp = name.length() > 1 && (name.charAt(1) == 'x' || name.charAt(1) == 'X')
                        ? Integer.parseInt(name.substring(2), 16)
                        : Integer.parseInt(name.substring(1));
                if (cp <= 0 || cp > Character.MAX_CODE_POINT || (cp >= 0xD800 && cp <= 0xDFFF)) {
                    return null;
                }
                return new String(Character.toChars(cp));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        if (!Entities.isNamedEntity(name)) {
            return null;
        }
        return Entities.getByName(name);
    }

    /** Decodes character references in {@code text} (link targets, URLs, template values). */
    String decode(String text) {
        if (text.indexOf('&') < 0) {
            return text;
        }
        scratch.setLength(0);
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            int semi = c == '&' ? semicolon(text, i) : -1;
            if (semi > i) {
                String d = decodeEntity(text.substring(i + 1, semi));
                if (d != null) {
                    scratch.append(d);
                    i = semi + 1;
                    continue;
                }
            }
            scratch.append(c);
            i++;
        }
        return scratch.toString();
    }

    /** The ';' ending an entity that starts at i, looked for no further than an entity's length. */
    private static int semicolon(String text, int i) {
        for (int j = i + 1, last = Math.min(text.length(), i + 34); j < last; j++) {
            if (text.charAt(j) == ';') {
                return j;
            }
        }
        return -1;
    }

    private int htmlTag(int i, int to, Out out) {
        int j = i + 1;
        boolean closing = j < to && s.charAt(j) == '/';
        if (closing) {
            j++;
        }
        int nameStart = j;
        while (j < to && j - nameStart < 16 && Character.isLetterOrDigit(s.charAt(j))) {
            j++;
        }
        if (j == nameStart) {
            append(out, '<');
            return i + 1;
        }
        String name = s.substring(nameStart, j).toLowerCase(Locale.ROOT);
        int gt = indexOf('>', j, Math.min(to, j + 500));
        if (gt < 0 || !HtmlTags.isKnown(name)) {
            append(out, '<');
            return i + 1;
        }
        if (name.equals("br") || name.equals("hr") || name.equals("p") && !closing) {
            out.text.append(' ');
            return gt + 1;
        }
        // tags that hide their content (<ref>, <gallery>, ...) are gone already (PageText)
        return gt + 1;
    }

    private int indexOf(char c, int from, int to) {
        for (int k = from; k < to; k++) {
            if (s.charAt(k) == c) {
                return k;
            }
        }
        return -1;
    }

    // ---- helpers for templates

    String text(int from, int to) {
        return s.substring(from, to);
    }

    /** Renders [from, to) to plain, collapsed text, collecting links and sources into {@code out}. */
    String plain(int from, int to, Out out) {
        Out o = out.nested(false);
        scan(from, to, o);
        return Text.collapse(o.text);
    }

    void emit(Out out, String text) {
        appendAll(out, text);
    }

    void problemAt(int at, String message) {
        problem(at, message);
    }

    static URI uri(String url) {
        try {
            return URI.create(url.startsWith("//") ? "http:" + url : url);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
