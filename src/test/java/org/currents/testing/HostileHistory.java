package org.currents.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.currents.cli.Currents;

/**
 * A hostile history: day pages whose every field a renderer shows carries a payload, and cited
 * pages whose metadata does too. Every payload that runs sets {@code window.__pwned} (or the
 * document title to {@code PWNED}); every payload that makes the browser fetch asks for a path
 * under {@code /pwned}. A site built from it is safe when, opened in a browser, no payload ran,
 * no injected element or handler is in the DOM and nothing asked for {@code /pwned…}.
 *
 * <p>What it holds, by field:
 *
 * <ul>
 *   <li>event texts: raw {@code <script>}, {@code <img onerror>}, {@code <iframe>}, {@code <a
 *       href="javascript:…">}, a {@code style} with {@code url(…)}; entities that decode to tags
 *       ({@code &lt;script&gt;}, {@code &#60;svg onload…&#62;}, double-encoded {@code
 *       &amp;lt;}); quote characters that would break out of an attribute;
 *   <li>source URLs that break out of quotes ({@code http://news.test/a2"><script>…}, {@code
 *       …?x='"><img…}) and {@code javascript:} sources;
 *   <li>outlets (link labels of sources) and wikilink labels with markup; a category heading and
 *       a story (a context, so a topic page and a topic feed) with markup; a wikilink to {@code
 *       javascript:…} (a context too);
 *   <li>editor names and edit summaries with markup and {@code javascript:};
 *   <li>a second and third revision, so that older versions and their diffs carry payloads in
 *       both {@code <del>} and {@code <ins>}; an event moved to the next day; an event removed;
 *   <li>fetched metadata (served by {@link #web()} on 127.0.0.1, stored by the real {@code enrich}
 *       through it as a proxy): script in {@code og:title}, {@code og:description} and {@code
 *       og:site_name}; {@code javascript:}, {@code JaVaScRiPt:}, {@code data:} and a quote-breaking
 *       {@code http:} URL in {@code og:image}.
 * </ul>
 */
public final class HostileHistory {
    /** The pages of cited hosts, by path: what {@link #web()} answers for any host. */
    static final Map<String, String> PAGES = Map.of(
            "/og5",
            page(
                    meta("og:title", "Five\" onerror=\"window.__pwned='alt'\" x=\""),
                    meta("og:image", "http://meta.test/cover-five.jpg?a=1&b='x'")),
            "/og1",
            page(
                    meta("og:title", "<script>window.__pwned='og-title'</script>Title one"),
                    meta(
                            "og:description",
                            "\"><img src=/pwned-og-desc onerror=\"window.__pwned='og-desc'\"> A summary"),
                    meta("og:image", "javascript:window.__pwned='og-image'"),
                    meta("og:site_name", "<b onmouseover=\"window.__pwned='og-site'\">Site</b>")),
            "/og2",
            page(
                    meta("og:title", "</title><script>window.__pwned='og-title2'</script>"),
                    meta(
                            "og:description",
                            "</p><script>document.title='PWNED'</script><p onclick=\"window.__pwned='og-desc2'\">"),
                    meta("og:image", "http://meta.test/cover.jpg\"onerror=\"window.__pwned='og-image-quote'")),
            "/og3",
            page(
                    meta("og:title", "Title three"),
                    meta(
                            "og:description",
                            "Plain summary three &lt;script&gt;window.__pwned='og-entity'&lt;/script&gt;"),
                    meta("og:image", " JaVaScRiPt:window.__pwned='og-image-case'")),
            "/og4",
            page(
                    meta("og:title", "Title four \"><svg onload=window.__pwned='og-title-4' x=\""),
                    meta("og:description", "1 < 2 <img src=/pwned-og-lt onerror=window.__pwned='og-lt' x="),
                    meta(
                            "og:image",
                            "data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg' onload='window.__pwned=1'/>")));

    private HostileHistory() {}

    private static String meta(String property, String content) {
        return "<meta property=\"" + property + "\" content=\"" + attr(content) + "\">";
    }

    private static String attr(String s) {
        return s.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;");
    }

    private static String page(String... metas) {
        return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>A hostile page</title>"
                + String.join("", metas) + "</head><body><p>Body</p></body></html>";
    }

    /** The day page text of {@code 2017 July <day>} with {@code lines} between the markers. */
    static String day(int day, String... lines) {
        List<String> all = new ArrayList<>();
        all.add("{{Current events|year=2017|month=07|day=" + day + "|content=");
        all.add("<!-- All news items below this line -->");
        all.addAll(List.of(lines));
        all.add("<!-- All news items above this line -->}}");
        return String.join("\n", all);
    }

    private static final String CATEGORY =
            "'''Armed conflicts and attacks <img src=/pwned-category onerror=\"window.__pwned='category'\">'''";
    private static final String STORY = "*[[Syrian civil war|<b onmouseover=\"window.__pwned='story'\">Syrian"
            + " civil war</b>]] &lt;script&gt;window.__pwned='story-entity'&lt;/script&gt;";
    private static final String RAW = "**Rebels <script>window.__pwned='raw-script'</script> take the town of"
            + " [[Al-Bab]]. [http://news.test/a1 (<i onclick=\"window.__pwned='outlet'\">News</i>)]";
    private static final String RAW_2 = "**Rebels <script>window.__pwned='raw-script-2'</script> take the town of"
            + " [[Al-Bab]] and <img src=/pwned-diff onerror=\"window.__pwned='diff'\">."
            + " [http://news.test/a1 (<i onclick=\"window.__pwned='outlet'\">News</i>)]";
    private static final String ENTITY = "**Shelling &lt;script&gt;window.__pwned='entity-script'&lt;/script&gt;"
            + " hits [[Aleppo|&lt;img src=/pwned-label onerror=window.__pwned='label'&gt;]]."
            + " [http://news.test/a2\"><script>window.__pwned='quote-url'</script> (Quote)]";
    private static final String QUOTES = "*A quote-breaking text ' onmouseover='window.__pwned=1' \""
            + " onfocus=\"window.__pwned=2\" autofocus x=\" is reported."
            + " [http://news.test/a3?x='\"><img/src=/pwned-url onerror=window.__pwned='url'> (Apostrophe)]";
    private static final String JS = "*A javascript link [javascript:window.__pwned='js-link' here] and"
            + " [[javascript:window.__pwned='wikilink']] are reported. [http://news.test/a4 (JS)]"
            + " [javascript:window.__pwned='js-source' (Bad)]";
    private static final String META_1 = "*An event cites a page with hostile metadata."
            + " [http://meta.test/og1 (Meta <script>window.__pwned='outlet-2'</script>)]";
    private static final String META_2 =
            "*A second event cites a page whose image breaks its quotes. [http://meta.test/og2 (Meta two)]";
    private static final String META_3 = "*A third event cites a page whose image is JaVaScRiPt."
            + " [http://meta.test/og3 (Meta three)] [http://meta.test/og4 (Meta four)]";
    private static final String META_5 =
            "*A fifth event cites a page whose title breaks the image's alt." + " [http://meta.test/og5 (Meta five)]";
    // Names the site uses itself: an event whose slug is "index", topics named Index and Feeds.
    private static final String COLLIDING = "*Index. [http://news.test/a9 (I)]\n*Topics named [[Index]],"
            + " [[Feeds|feeds]], [[News]], [[Topics]] and [[Assets]]. [http://news.test/a10 (T)]";
    private static final String NUMERIC = "*&amp;lt;script&amp;gt;window.__pwned='double'&amp;lt;/script&amp;gt;"
            + " double-encoded and &#60;svg onload=window.__pwned='numeric'&#62; numeric. [http://news.test/a5 (N)]";
    private static final String STYLE = "*A style attack <span style=\"background:url(/pwned-css)\">styled</span>,"
            + " <a href=\"javascript:window.__pwned='a'\">an anchor</a> and <iframe src=\"/pwned-iframe\"></iframe>"
            + " an iframe. [http://news.test/a6 (<style>body{background:url(/pwned-style)}</style>S)]";
    private static final String MOVED =
            "*An event that moves to the next day <object data=/pwned-object></object>." + " [http://news.test/a7 (M)]";
    private static final String REMOVED = "*An event removed later <embed src=/pwned-embed>. [http://news.test/a8 (R)]";

    /** The export: three revisions of 2017 July 9 and two of July 10. */
    public static Path export(Path file) {
        return new ExportBuilder()
                .page("Portal:Current events/2017 July 9")
                .revision(
                        9001,
                        "2017-07-09T10:00:00Z",
                        "<script>window.__pwned='editor'</script>",
                        "<img src=/pwned-summary onerror=\"window.__pwned='summary'\"> /* Armed conflicts */",
                        day(
                                9, CATEGORY, STORY, RAW, ENTITY, QUOTES, JS, META_1, META_2, META_3, META_5, COLLIDING,
                                NUMERIC, STYLE, MOVED, REMOVED))
                .revision(
                        9002,
                        "2017-07-09T12:30:00Z",
                        "\"><img src=/pwned-editor onerror=window.__pwned='editor-2'>",
                        "javascript:window.__pwned='summary-2' <a href=\"javascript:alert(1)\">x</a> &amp;lt;b&amp;gt;",
                        day(
                                9, CATEGORY, STORY, RAW_2, ENTITY, QUOTES, JS, META_1, META_2, META_3, META_5,
                                COLLIDING, NUMERIC, STYLE, MOVED))
                .revision(
                        9003,
                        "2017-07-10T08:00:00Z",
                        "' onmouseover='window.__pwned=3",
                        "move to [[2017 July 10|<script>window.__pwned='summary-3'</script>]]",
                        day(
                                9, CATEGORY, STORY, RAW_2, ENTITY, QUOTES, JS, META_1, META_2, META_3, META_5,
                                COLLIDING, NUMERIC, STYLE))
                .page("Portal:Current events/2017 July 10")
                .revision(
                        9101,
                        "2017-07-10T08:00:00Z",
                        "' onmouseover='window.__pwned=3",
                        "moved from [[2017 July 9]]",
                        day(10, CATEGORY, MOVED))
                .revision(
                        9102,
                        "2017-07-10T09:00:00Z",
                        "javascript:alert(1)",
                        "<iframe src=/pwned-summary-iframe>",
                        day(
                                10,
                                CATEGORY,
                                "*An event that moves to the next day <object data=/pwned-object></object>, edited."
                                        + " [http://news.test/a7 (M)]"))
                .write(file);
    }

    /**
     * A local server on 127.0.0.1 that answers, as an HTTP proxy, for every cited host: the
     * hostile metadata pages of {@link #PAGES}, an empty robots.txt, 404 for the rest.
     */
    public static HttpServer web() {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", HostileHistory::answer);
        server.start();
        return server;
    }

    private static void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            String page = PAGES.get(exchange.getRequestURI().getPath());
            byte[] body = (page == null ? "" : page).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(page == null ? 404 : 200, body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /**
     * Builds the hostile site under {@code dir}: imports the export into {@code dir/archive.db},
     * enriches every source through {@link #web()} with the real {@code enrich} command, and builds
     * the site into {@code dir/site} with {@code build} (in-process, as a user would from a shell).
     * Extra build arguments (a {@code --format}) go after {@code --out}.
     *
     * @return the site folder
     * @throws AssertionError if a command fails, with what it printed
     */
    public static Path build(Path dir, String... buildArgs) {
        String db = dir.resolve("archive.db").toString();
        run("import", "--db", db, export(dir.resolve("hostile.xml")).toString());
        HttpServer web = web();
        try {
            run(
                    "enrich",
                    "--db",
                    db,
                    "--all-sources",
                    "--proxy",
                    "http://127.0.0.1:" + web.getAddress().getPort(),
                    "--delay",
                    "0s",
                    "--contact",
                    "mailto:tests@example.org");
        } finally {
            web.stop(0);
        }
        Path site = dir.resolve("site");
        List<String> args = new ArrayList<>(List.of("build", "--db", db, "--out", site.toString()));
        args.addAll(List.of(buildArgs));
        run(args.toArray(String[]::new));
        return site;
    }

    /** Runs one command; throws AssertionError with its output unless it exits 0. */
    public static String run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Currents.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        if (code != Currents.OK) {
            throw new AssertionError("currents " + String.join(" ", args) + ": exit " + code + "\n--- stdout\n" + out
                    + "--- stderr\n" + err);
        }
        return out.toString();
    }
}
