package org.currents.wikitext;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.currents.model.ParsedEvent;

/**
 * Reads the events off one revision of a Current events day page, of any era of the portal.
 *
 * <p>The day's news is what lies between the "All news items below/above this line" markers
 * (or the whole page where they are missing). Lines are headings ({@code ;Heading}, {@code
 * '''Heading'''}, {@code ==Heading==}) or bullets nested by their count of {@code *}. A bullet
 * is an <em>event</em> when it cites at least one external source, or when it has no children
 * and its text is a sentence of its own (the unsourced events of 2002-2004); bullets above an
 * event are its <em>stories</em>. Problems are recorded, never thrown: any string parses.
 *
 * <p>An instance keeps a cache of rendered lines, since consecutive revisions of a page share
 * most of their lines; call {@link #forgetLines()} between pages. Not thread-safe: one parser
 * per thread.
 */
public final class DayPageParser {

    /**
     * Limits of the parser.
     *
     * @param maxDepth deepest bullet nesting kept; deeper bullets are treated as this deep
     *     (default 16)
     * @param maxProblems problems kept per page; more are only counted (default 100)
     * @param lineCacheSize rendered lines remembered between revisions (default 50,000)
     */
    public record Settings(int maxDepth, int maxProblems, int lineCacheSize) {
        public Settings {
            if (maxDepth < 1) {
                throw new IllegalArgumentException("maxDepth must be >= 1: " + maxDepth);
            }
            if (maxProblems < 0) {
                throw new IllegalArgumentException("maxProblems must be >= 0: " + maxProblems);
            }
            if (lineCacheSize < 0) {
                throw new IllegalArgumentException("lineCacheSize must be >= 0: " + lineCacheSize);
            }
        }

        /** The defaults: depth 16, 100 problems, 50,000 cached lines. */
        public static Settings defaults() {
            return new Settings(16, 100, 50_000);
        }
    }

    private final Settings settings;
    private final InlineRenderer renderer = new InlineRenderer();
    private final Map<String, Line> lineCache = new HashMap<>();

    private DayPageParser(Settings settings) {
        this.settings = settings;
    }

    /** A parser with the default settings. */
    public static DayPageParser create() {
        return new DayPageParser(Settings.defaults());
    }

    /** A parser with the given settings. */
    public static DayPageParser of(Settings settings) {
        return new DayPageParser(java.util.Objects.requireNonNull(settings, "settings"));
    }

    /** Drops the cache of rendered lines (call between pages to bound memory). */
    public void forgetLines() {
        lineCache.clear();
    }

    /**
     * Parses one revision's wikitext.
     *
     * @param wikitext the page's text; any string
     * @return its events in page order, and the problems met
     */
    public ParseResult parse(String wikitext) {
        ProblemList problems = new ProblemList(settings.maxProblems());
        if (wikitext == null || wikitext.isEmpty()) {
            return new ParseResult(List.of(), List.of(), 0);
        }
        PageText text = PageText.of(wikitext, problems);
        List<Node> nodes = new ArrayList<>();
        readLines(text, nodes, problems);
        return new ParseResult(events(nodes), problems.problems(), problems.count());
    }

    // ---- lines

    private enum Kind {
        BULLET,
        HEADING,
        WRAPPER,
        OTHER,
        EMPTY
    }

    /**
     * A classified, rendered line; immutable so that it can be shared between revisions.
     * {@code opensContent} is true when the line opens a template's {@code content=} that
     * it does not close; {@code continues} when its brackets are open at its end, so that the
     * next lines may belong to it (kept so that a cached line needs no second count).
     */
    private record Line(Kind kind, int depth, Inline inline, int bodyColumn, boolean opensContent, boolean continues) {
        Line(Kind kind, int depth, Inline inline, int bodyColumn) {
            this(kind, depth, inline, bodyColumn, false, false);
        }

        Line openingContent() {
            return new Line(kind, depth, inline, bodyColumn, true, continues);
        }

        Line continuing() {
            return new Line(kind, depth, inline, bodyColumn, opensContent, true);
        }
    }

    /** A bullet of this revision. */
    private static final class Node {
        final Line line;
        final int lineNo;
        final String category;
        final Node parent;
        int children;

        Node(Line line, int lineNo, String category, Node parent) {
            this.line = line;
            this.lineNo = lineNo;
            this.category = category;
            this.parent = parent;
        }
    }

    private void readLines(PageText text, List<Node> nodes, ProblemList problems) {
        String category = "";
        Node[] stack = new Node[settings.maxDepth() + 1];
        boolean depthReported = false;
        boolean contentOpen = false;
        List<String> lines = text.lines;
        for (int k = 0; k < lines.size(); k++) {
            String raw = lines.get(k);
            int lineNo = text.lineNumbers.get(k);
            Line line = settings.lineCacheSize() == 0 ? null : lineCache.get(raw);
            int joined = 0;
            boolean continues = line == null ? needsContinuation(raw) : line.continues;
            if (continues) {
                StringBuilder sb = new StringBuilder(raw);
                while (joined < 10 && k + joined + 1 < lines.size() && unbalanced(sb.toString())) {
                    String next = lines.get(k + joined + 1);
                    if (startsNewItem(next)) {
                        break;
                    }
                    sb.append(' ').append(next);
                    joined++;
                }
                if (joined > 0) {
                    raw = sb.toString();
                    continues = needsContinuation(raw);
                    line = null;
                }
            }
            if (contentOpen && closesContent(raw)) {
                // "* last event [url]}}": the }} closes {{Current events|content=, as MediaWiki
                // reads it (pages without the news markers, 2002-2004)
                raw = raw.substring(0, raw.lastIndexOf("}}"));
                continues = needsContinuation(raw);
                contentOpen = false;
                line = null;
            }
            if (line == null) {
                line = classify(raw, continues);
            }
            if (line.opensContent) {
                contentOpen = true;
            }
            k += joined;
            for (Inline.LineProblem p : line.inline == null ? List.<Inline.LineProblem>of() : line.inline.problems()) {
                problems.add(lineNo, p.column() + line.bodyColumn, p.message());
            }
            switch (line.kind) {
                case HEADING:
                    category = Categories.canonical(line.inline.text());
                    java.util.Arrays.fill(stack, null);
                    break;
                case BULLET:
                    int depth = line.depth;
                    if (depth > settings.maxDepth()) {
                        if (!depthReported) {
                            problems.add(
                                    lineNo,
                                    1,
                                    "bullet nested " + depth + " deep, deeper than maxDepth " + settings.maxDepth()
                                            + ": read as " + settings.maxDepth() + " deep");
                            depthReported = true;
                        }
                        depth = settings.maxDepth();
                    }
                    Node parent = null;
                    for (int d = depth - 1; d >= 1; d--) {
                        if (stack[d] != null) {
                            parent = stack[d];
                            break;
                        }
                    }
                    Node node = new Node(line, lineNo, category, parent);
                    if (parent != null) {
                        parent.children++;
                    }
                    for (int d = depth; d < stack.length; d++) {
                        stack[d] = null;
                    }
                    stack[depth] = node;
                    nodes.add(node);
                    break;
                case OTHER:
                    if (!line.inline.sources().isEmpty()) {
                        problems.add(lineNo, 1, "text with a cited source outside any bullet: not read as an event");
                    }
                    break;
                default:
                    break;
            }
        }
    }

    /** True when the line ends with a "}}" that no "{{" of its own opened. */
    private static boolean closesContent(String raw) {
        int end = raw.length();
        while (end > 0 && Character.isWhitespace(raw.charAt(end - 1))) {
            end--;
        }
        return end >= 2
                && raw.charAt(end - 1) == '}'
                && raw.charAt(end - 2) == '}'
                && count2(raw, '{') < count2(raw, '}');
    }

    /** True when the line opens "{{" or "[[" and leaves brackets open at its end. */
    private static boolean needsContinuation(String raw) {
        // String.indexOf is an intrinsic: lines without "{{" or "[[" are done here
        if (raw.indexOf("{{") < 0 && raw.indexOf("[[") < 0) {
            return false;
        }
        // then one pass over the brackets, on the String itself (this runs on every new line)
        return unbalanced(raw);
    }

    /** One pass: true when {@code s} has more "{" than "}" (one to spare) or more "[[" than "]]". */
    private static boolean unbalanced(String s) {
        int open = 0;
        int close = 0;
        int linkOpen = 0;
        int linkClose = 0;
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c == '{') {
                open++;
            } else if (c == '}') {
                close++;
            } else if (c == '[' && i + 1 < n && s.charAt(i + 1) == '[') {
                linkOpen++;
                i++;
            } else if (c == ']' && i + 1 < n && s.charAt(i + 1) == ']') {
                linkClose++;
                i++;
            }
        }
        return open > close + 1 || linkOpen > linkClose;
    }

    private static int count2(CharSequence s, char c) {
        int n = 0;
        for (int i = 0; i + 1 < s.length(); i++) {
            if (s.charAt(i) == c && s.charAt(i + 1) == c) {
                n++;
                i++;
            }
        }
        return n;
    }

    private static boolean startsNewItem(String line) {
        String t = line.stripLeading();
        return t.isEmpty()
                || t.charAt(0) == '*'
                || t.charAt(0) == '#'
                || t.charAt(0) == ';'
                || t.startsWith("==")
                || t.startsWith("'''");
    }

    /** The line {@code raw}, from the cache or classified; {@code continues} is {@code needsContinuation(raw)}. */
    private Line classify(String raw, boolean continues) {
        Line cached = settings.lineCacheSize() == 0 ? null : lineCache.get(raw);
        if (cached != null) {
            return cached;
        }
        Line line = classifyUncached(raw);
        if (continues) {
            line = line.continuing();
        }
        if (lineCache.size() >= settings.lineCacheSize()) {
            lineCache.clear();
        }
        if (settings.lineCacheSize() > 0) {
            lineCache.put(raw, line);
        }
        return line;
    }

    private Line classifyUncached(String raw) {
        String t = raw.strip();
        if (t.isEmpty()) {
            return new Line(Kind.EMPTY, 0, null, 0);
        }
        int lead = raw.indexOf(t.charAt(0));
        boolean opensContent = false;
        // "{{Current events|year=2002|month=07|day=1|content=* first bullet": read what follows
        // content= as a line of its own (a loop over offsets, neither recursion nor copies:
        // "{content={content=..." is input too)
        int at = 0;
        while (isWrapperStart(t.charAt(at))) {
            int content = t.indexOf("content=", at);
            if (content < 0) {
                Line wrapper = new Line(Kind.WRAPPER, 0, null, 0);
                return opensContent ? wrapper.openingContent() : wrapper;
            }
            opensContent = true;
            at = content + "content=".length();
            while (at < t.length() && Character.isWhitespace(t.charAt(at))) {
                at++;
            }
            if (at == t.length()) {
                return new Line(Kind.WRAPPER, 0, null, 0).openingContent();
            }
        }
        Line line = classifyContent(at == 0 ? t : t.substring(at), lead + at);
        return opensContent ? line.openingContent() : line;
    }

    private static boolean isWrapperStart(char c) {
        return c == '{' || c == '|' || c == '}' || c == '<';
    }

    /** Classifies a stripped line {@code t} that starts at column {@code lead} + 1. */
    private Line classifyContent(String t, int lead) {
        char c = t.charAt(0);
        if (c == '*' || c == '#') {
            int depth = 0;
            while (depth < t.length() && (t.charAt(depth) == '*' || t.charAt(depth) == '#')) {
                depth++;
            }
            int body = depth;
            while (body < t.length() && t.charAt(body) == ':') {
                body++; // "*:" continues an item; its text still belongs to the bullet
            }
            return new Line(Kind.BULLET, depth, renderer.render(t.substring(body)), lead + body);
        }
        if (c == ';') {
            return new Line(Kind.HEADING, 0, renderer.render(stripDefinition(t.substring(1))), lead + 1);
        }
        if (isBoldHeading(t)) {
            return new Line(Kind.HEADING, 0, renderer.render(t), lead);
        }
        if (t.length() > 4 && t.startsWith("==") && t.endsWith("==")) {
            int a = 0;
            while (a < t.length() && t.charAt(a) == '=') {
                a++;
            }
            int b = t.length();
            while (b > a && t.charAt(b - 1) == '=') {
                b--;
            }
            return new Line(Kind.HEADING, 0, renderer.render(t.substring(a, b)), lead + a);
        }
        return new Line(Kind.OTHER, 0, renderer.render(t), lead);
    }

    /** ";Heading: text" is a definition list item; the heading is the part before the colon. */
    private static String stripDefinition(String heading) {
        int colon = heading.indexOf(':');
        if (colon > 0 && heading.indexOf("[[") < 0 && heading.indexOf("http") < 0) {
            return heading.substring(0, colon);
        }
        return heading;
    }

    private static boolean isBoldHeading(String t) {
        if (t.length() <= 6 || !t.startsWith("'''") || !t.endsWith("'''")) {
            return false;
        }
        String inner = t.substring(3, t.length() - 3);
        return !inner.contains("'''") && !inner.isBlank() && inner.indexOf("[http") < 0;
    }

    // ---- events

    private static List<ParsedEvent> events(List<Node> nodes) {
        List<ParsedEvent> events = new ArrayList<>();
        for (Node n : nodes) {
            Inline in = n.line.inline;
            boolean sourced = !in.sources().isEmpty();
            boolean unsourced = !sourced && n.children == 0 && isSentence(in);
            if (!sourced && !unsourced) {
                continue;
            }
            events.add(new ParsedEvent(
                    n.category,
                    stories(n),
                    in.text(),
                    in.links(),
                    in.sources(),
                    events.size() + 1,
                    n.lineNo,
                    unsourced));
        }
        return events;
    }

    /**
     * A bullet of its own words rather than a bare topic ({@code *[[Topic]]}, {@code
     * *[[Topic]]:}) or a fragment: some text outside links, and four words or a full stop.
     */
    private static boolean isSentence(Inline in) {
        if (!in.ownText() || in.text().isEmpty()) {
            return false;
        }
        String t = in.text();
        char last = t.charAt(t.length() - 1);
        return in.words() >= 4 || last == '.' || last == '!' || last == '?';
    }

    private static List<String> stories(Node n) {
        List<String> titles = new ArrayList<>(3);
        for (Node p = n.parent; p != null; p = p.parent) {
            String title = storyTitle(p.line.inline.text());
            if (!title.isEmpty()) {
                titles.add(title);
            }
        }
        Collections.reverse(titles);
        return titles;
    }

    /** A story bullet's text as a title: "[[Topic]]:" is the story "Topic". */
    static String storyTitle(String text) {
        String t = text.strip();
        while (t.endsWith(":")) {
            t = t.substring(0, t.length() - 1).strip();
        }
        return t;
    }
}
