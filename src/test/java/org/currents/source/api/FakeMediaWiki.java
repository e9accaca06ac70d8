package org.currents.source.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.GZIPOutputStream;

/**
 * A local MediaWiki Action API for tests: a real HTTP server on 127.0.0.1 that answers {@code
 * action=query} with {@code prop=revisions}, {@code prop=info} and {@code redirects} in the shapes
 * of formatversion 2 (API:Revisions, API:Info, API:Query), with the real limits (50 revisions a
 * request with content, 50 titles), {@code continue}, {@code missing}, revision deletion flags
 * and error objects. It logs every request and misbehaves on demand.
 */
public final class FakeMediaWiki implements AutoCloseable {

    /** Ways the next requests can go wrong, each used once, in order. */
    public enum Misbehaviour {
        /** No misbehaviour: the right answer (to let requests pass before a failure). */
        ANSWER,
        /** HTTP 429 with {@code Retry-After}. */
        TOO_MANY_REQUESTS,
        /** HTTP 503 from the cache layer. */
        UNAVAILABLE,
        /** HTTP 200 with a {@code maxlag} error, {@code Retry-After: 5} (Manual:Maxlag_parameter). */
        MAXLAG,
        /** The right answer, after {@link #slowDelay}. */
        SLOW,
        /** HTTP 200 whose JSON body stops halfway. */
        TRUNCATED_JSON,
        /**
         * The connection closed without an answer. The JDK client sends a GET once more by itself
         * when that happens, so it takes two in a row to fail one try of currents.
         */
        DROP_CONNECTION
    }

    /** How the fake writes each revision's {@code sha1}: as MediaWiki does, or as a broken wiki might. */
    public enum Sha1Form {
        /** 40 lower-case hex digits (API:Revisions). */
        HEX,
        /** Hex in upper case. */
        UPPER_HEX,
        /** Base 36, as XML dumps write it. */
        BASE36,
        /** No {@code sha1} field at all. */
        ABSENT,
        /** A value that is no digest. */
        JUNK
    }

    /** One revision as the fake wiki holds it. */
    public record Rev(
            long id,
            long parentId,
            Instant timestamp,
            String user,
            String comment,
            String text,
            boolean textHidden,
            boolean userHidden,
            boolean commentHidden) {
        public String sha1() {
            try {
                return HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** One request as the fake saw it. */
    public record Request(Map<String, String> params, Map<String, String> headers) {
        public String param(String name) {
            return params.get(name);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter CONTINUE_TS =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);
    // API:Revisions: "if content is used, rvlimit is enforced to 50"; otherwise 500 for users.
    static final int CONTENT_LIMIT = 50;
    static final int LIMIT = 500;

    static {
        // Without it, small answers on kept-alive connections wait ~40 ms for delayed ACKs (Nagle).
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-mediawiki");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, List<Rev>> pages = new LinkedHashMap<>();
    private final Map<String, Long> pageIds = new HashMap<>();
    private final Map<String, String> redirects = new HashMap<>();
    private final Set<String> articles = new HashSet<>();
    private final List<Request> log = new ArrayList<>();
    private final ArrayDeque<Misbehaviour> misbehaviours = new ArrayDeque<>();
    private long nextPageId = 1000;
    private long nextRevId = 9_000_000;
    private long contentServed;
    private int retryAfterSeconds = 1;
    public Duration slowDelay = Duration.ofSeconds(2);
    private Duration responseDelay = Duration.ZERO;
    private Sha1Form sha1Form = Sha1Form.HEX;

    private FakeMediaWiki() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/w/api.php", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** Starts a fake wiki on a free port of 127.0.0.1. */
    public static FakeMediaWiki start() throws IOException {
        return new FakeMediaWiki();
    }

    /** Its {@code api.php}. */
    public URI api() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/w/api.php");
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    // ---- content

    /** Adds a revision to page {@code title} (created when new) and returns it. */
    public synchronized Rev add(String title, Rev rev) {
        pages.computeIfAbsent(title, t -> {
            pageIds.put(t, nextPageId++);
            return new ArrayList<>();
        });
        pages.get(title).add(rev);
        pages.get(title).sort(Comparator.comparing(Rev::timestamp).thenComparingLong(Rev::id));
        nextRevId = Math.max(nextRevId, rev.id() + 1);
        return rev;
    }

    /** Appends a new revision with the next id, a minute after the page's newest. */
    public synchronized Rev edit(String title, String user, String comment, String text) {
        List<Rev> revs = pages.getOrDefault(title, List.of());
        Rev last = revs.isEmpty() ? null : revs.get(revs.size() - 1);
        Instant at = last == null
                ? Instant.parse("2017-07-09T00:00:00Z")
                : last.timestamp().plusSeconds(60);
        return add(
                title, new Rev(nextRevId, last == null ? 0 : last.id(), at, user, comment, text, false, false, false));
    }

    /** Replaces revision {@code id} by the same with its text, user or comment hidden. */
    public synchronized void hide(long id, boolean text, boolean user, boolean comment) {
        for (List<Rev> revs : pages.values()) {
            revs.replaceAll(r -> r.id() != id
                    ? r
                    : new Rev(
                            r.id(),
                            r.parentId(),
                            r.timestamp(),
                            r.user(),
                            r.comment(),
                            r.text(),
                            text || r.textHidden(),
                            user || r.userHidden(),
                            comment || r.commentHidden()));
        }
    }

    public synchronized List<Rev> revisions(String title) {
        return List.copyOf(pages.getOrDefault(title, List.of()));
    }

    public synchronized long pageId(String title) {
        return pageIds.get(title);
    }

    public synchronized Set<String> titles() {
        return Set.copyOf(pages.keySet());
    }

    /** Makes {@code from} a redirect to {@code to}. */
    public synchronized void redirect(String from, String to) {
        redirects.put(from, to);
    }

    /** Makes an ordinary article exist (for redirect targets). */
    public synchronized void article(String title) {
        articles.add(title);
    }

    // ---- behaviour and observation

    /** The next requests misbehave as given, one each, in order. */
    public synchronized void misbehave(Misbehaviour... next) {
        misbehaviours.addAll(List.of(next));
    }

    /** Delays every answer by {@code delay} (to catch a client in the middle of its work). */
    public synchronized void responseDelay(Duration delay) {
        responseDelay = delay;
    }

    /** Writes every revision's {@code sha1} in {@code form} from now on. */
    public synchronized void sha1As(Sha1Form form) {
        sha1Form = form;
    }

    public synchronized void retryAfterSeconds(int seconds) {
        retryAfterSeconds = seconds;
    }

    public synchronized List<Request> requests() {
        return List.copyOf(log);
    }

    public synchronized int requestCount() {
        return log.size();
    }

    /** Revisions whose content was sent, over all requests. */
    public synchronized long contentServed() {
        return contentServed;
    }

    public synchronized void clearLog() {
        log.clear();
        contentServed = 0;
    }

    // ---- the server

    private void handle(HttpExchange ex) throws IOException {
        Map<String, String> params = params(ex);
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        ex.getRequestHeaders().forEach((k, v) -> headers.put(k, String.join(",", v)));
        Misbehaviour mis;
        Duration delay;
        synchronized (this) {
            log.add(new Request(Map.copyOf(params), headers));
            mis = misbehaviours.poll();
            delay = responseDelay;
        }
        if (!delay.isZero()) {
            sleep(delay);
        }
        try {
            if (mis != null) {
                switch (mis) {
                    case ANSWER -> {}
                    case TOO_MANY_REQUESTS -> {
                        ex.getResponseHeaders().set("Retry-After", Integer.toString(retryAfterSeconds));
                        send(ex, 429, "text/html", "<html>Too many requests</html>".getBytes(StandardCharsets.UTF_8));
                        return;
                    }
                    case UNAVAILABLE -> {
                        send(ex, 503, "text/html", "<html>Service unavailable</html>".getBytes(StandardCharsets.UTF_8));
                        return;
                    }
                    case MAXLAG -> {
                        ex.getResponseHeaders().set("Retry-After", "5");
                        ex.getResponseHeaders().set("X-Database-Lag", "7");
                        ex.getResponseHeaders().set("MediaWiki-API-Error", "maxlag");
                        sendJson(ex, maxlagError());
                        return;
                    }
                    case SLOW -> sleep(slowDelay);
                    case TRUNCATED_JSON -> {
                        byte[] full = JSON.writeValueAsBytes(answer(params));
                        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
                        ex.sendResponseHeaders(200, 0);
                        try (OutputStream out = ex.getResponseBody()) {
                            out.write(full, 0, full.length / 2);
                        }
                        return;
                    }
                    case DROP_CONNECTION -> {
                        ex.close();
                        return;
                    }
                }
            }
            sendJson(ex, answer(params));
        } catch (IOException e) {
            // The client gave up (a timeout): nothing to answer.
        } finally {
            ex.close();
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Map<String, String> params(HttpExchange ex) throws IOException {
        String raw = ex.getRequestURI().getRawQuery();
        if ("POST".equals(ex.getRequestMethod())) {
            raw = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        }
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            out.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
        }
        return out;
    }

    private void sendJson(HttpExchange ex, ObjectNode json) throws IOException {
        byte[] body = JSON.writeValueAsBytes(json);
        String accept = ex.getRequestHeaders().getFirst("Accept-Encoding");
        if (accept != null && accept.contains("gzip")) {
            ByteArrayOutputStream zipped = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
                gz.write(body);
            }
            body = zipped.toByteArray();
            ex.getResponseHeaders().set("Content-Encoding", "gzip");
        }
        if (json.has("error")) {
            ex.getResponseHeaders()
                    .set("MediaWiki-API-Error", json.path("error").path("code").asText());
        }
        send(ex, 200, "application/json; charset=utf-8", body);
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    // ---- the API

    private synchronized ObjectNode answer(Map<String, String> p) {
        if (!"query".equals(p.get("action"))) {
            return error("badvalue", "Unrecognized value for parameter \"action\": " + p.get("action") + ".");
        }
        if (!"json".equals(p.get("format")) || !"2".equals(p.get("formatversion"))) {
            return error("badvalue", "This fake only speaks format=json&formatversion=2.");
        }
        List<String> asked = p.containsKey("titles") ? List.of(p.get("titles").split("\\|", -1)) : List.of();
        if (asked.size() > 50) {
            return error("toomanyvalues", "Too many values supplied for parameter \"titles\". The limit is 50.");
        }
        ObjectNode root = JSON.createObjectNode();
        ObjectNode query = JSON.createObjectNode();
        List<String> titles = new ArrayList<>();
        ArrayNode normalized = JSON.createArrayNode();
        for (String t : asked) {
            String n = normalise(t);
            if (!n.equals(t)) {
                normalized.addObject().put("fromencoded", false).put("from", t).put("to", n);
            }
            titles.add(n);
        }
        if (!normalized.isEmpty()) {
            query.set("normalized", normalized);
        }
        String prop = p.getOrDefault("prop", "");
        if (prop.equals("revisions")) {
            if (titles.size() != 1) {
                return error(
                        "multpages",
                        "titles, pageids or a generator was used to supply multiple pages, but the rvlimit, rvstartid,"
                                + " rvendid, rvdir=newer, rvuser, rvexcludeuser, rvstart, and rvend parameters may only"
                                + " be used on a single page.");
            }
            return revisions(p, titles.get(0), root, query);
        }
        if (p.containsKey("redirects")) {
            titles = followRedirects(titles, query);
        }
        ArrayNode out = query.putArray("pages");
        for (String t : titles) {
            ObjectNode page = out.addObject();
            List<Rev> revs = pages.get(t);
            if (revs != null || articles.contains(t)) {
                page.put("pageid", pageIds.computeIfAbsent(t, x -> nextPageId++));
                page.put("ns", ns(t));
                page.put("title", t);
                if (prop.equals("info")) {
                    page.put("contentmodel", "wikitext");
                    page.put("pagelanguage", "en");
                    page.put("touched", "2025-01-01T00:00:00Z");
                    page.put(
                            "lastrevid",
                            revs == null ? 1 : revs.get(revs.size() - 1).id());
                    page.put(
                            "length",
                            revs == null ? 0 : revs.get(revs.size() - 1).text().length());
                }
            } else {
                page.put("ns", ns(t));
                page.put("title", t);
                page.put("missing", true);
            }
        }
        root.put("batchcomplete", true);
        root.set("query", query);
        return root;
    }

    private List<String> followRedirects(List<String> titles, ObjectNode query) {
        List<String> out = new ArrayList<>();
        ArrayNode list = JSON.createArrayNode();
        Set<String> listed = new HashSet<>();
        for (String t : titles) {
            String c = t;
            Set<String> seen = new HashSet<>();
            while (redirects.containsKey(c) && seen.add(c)) {
                if (listed.add(c)) {
                    list.addObject().put("from", c).put("to", redirects.get(c));
                }
                c = redirects.get(c);
            }
            if (!out.contains(c)) {
                out.add(c);
            }
        }
        if (!list.isEmpty()) {
            query.set("redirects", list);
        }
        return out;
    }

    private ObjectNode revisions(Map<String, String> p, String title, ObjectNode root, ObjectNode query) {
        ArrayNode out = query.putArray("pages");
        ObjectNode page = out.addObject();
        List<Rev> revs = pages.get(title);
        if (revs == null) {
            page.put("ns", ns(title)).put("title", title).put("missing", true);
            root.put("batchcomplete", true);
            root.set("query", query);
            return root;
        }
        Set<String> props = Set.of(
                p.getOrDefault("rvprop", "ids|timestamp|flags|comment|user").split("\\|"));
        boolean content = props.contains("content");
        boolean newer = "newer".equals(p.get("rvdir"));
        List<Rev> ordered = new ArrayList<>(revs);
        if (!newer) {
            Collections.reverse(ordered);
        }
        int from = 0;
        if (p.containsKey("rvcontinue")) {
            long id = Long.parseLong(p.get("rvcontinue").split("\\|")[1]);
            from = indexOf(ordered, id);
        } else if (p.containsKey("rvstartid")) {
            long id = Long.parseLong(p.get("rvstartid"));
            Rev start = find(id);
            if (start == null) {
                return error("nosuchrevid", "There is no revision with ID " + id + ".");
            }
            from = ordered.size();
            for (int i = 0; i < ordered.size(); i++) {
                int c = Comparator.comparing(Rev::timestamp)
                        .thenComparingLong(Rev::id)
                        .compare(ordered.get(i), start);
                if (newer ? c >= 0 : c <= 0) {
                    from = i;
                    break;
                }
            }
        }
        int max = content ? CONTENT_LIMIT : LIMIT;
        String rvlimit = p.getOrDefault("rvlimit", "1");
        int limit = rvlimit.equals("max") ? max : Math.min(max, Integer.parseInt(rvlimit));
        int to = Math.min(ordered.size(), from + limit);
        page.put("pageid", pageIds.get(title)).put("ns", ns(title)).put("title", title);
        ArrayNode list = page.putArray("revisions");
        for (Rev r : ordered.subList(from, to)) {
            list.add(revision(r, props, content));
        }
        if (to < ordered.size()) {
            Rev next = ordered.get(to);
            root.putObject("continue")
                    .put("rvcontinue", CONTINUE_TS.format(next.timestamp()) + "|" + next.id())
                    .put("continue", "||");
        } else {
            root.put("batchcomplete", true);
        }
        root.set("query", query);
        return root;
    }

    private ObjectNode revision(Rev r, Set<String> props, boolean content) {
        ObjectNode o = JSON.createObjectNode();
        if (props.contains("ids")) {
            o.put("revid", r.id()).put("parentid", r.parentId());
        }
        if (props.contains("user")) {
            if (r.userHidden()) {
                o.put("userhidden", true);
            } else {
                o.put("user", r.user());
            }
        }
        if (props.contains("timestamp")) {
            o.put("timestamp", r.timestamp().toString());
        }
        if (props.contains("comment")) {
            if (r.commentHidden()) {
                o.put("commenthidden", true);
            } else {
                o.put("comment", r.comment());
            }
        }
        if (props.contains("sha1")) {
            if (r.textHidden()) {
                o.put("sha1hidden", true);
            } else if (sha1Form != Sha1Form.ABSENT) {
                o.put(
                        "sha1",
                        switch (sha1Form) {
                            case UPPER_HEX -> r.sha1().toUpperCase(java.util.Locale.ROOT);
                            case BASE36 -> new java.math.BigInteger(r.sha1(), 16).toString(36);
                            case JUNK -> "not-a-sha1";
                            default -> r.sha1();
                        });
            }
        }
        if (content) {
            ObjectNode main = o.putObject("slots").putObject("main");
            main.put("contentmodel", "wikitext").put("contentformat", "text/x-wiki");
            if (r.textHidden()) {
                main.put("texthidden", true);
            } else {
                main.put("content", r.text());
                contentServed++;
            }
        }
        return o;
    }

    private Rev find(long id) {
        for (List<Rev> revs : pages.values()) {
            for (Rev r : revs) {
                if (r.id() == id) {
                    return r;
                }
            }
        }
        return null;
    }

    private static int indexOf(List<Rev> revs, long id) {
        for (int i = 0; i < revs.size(); i++) {
            if (revs.get(i).id() == id) {
                return i;
            }
        }
        throw new IllegalArgumentException("bad rvcontinue: no revision " + id);
    }

    private static String normalise(String title) {
        String t = title.replace('_', ' ').trim();
        int colon = t.indexOf(':');
        if (colon > 0 && t.substring(0, colon).equalsIgnoreCase("portal")) {
            t = "Portal:" + upperFirst(t.substring(colon + 1));
        }
        return upperFirst(t);
    }

    private static String upperFirst(String s) {
        return s.isEmpty()
                ? s
                : s.substring(0, s.offsetByCodePoints(0, 1)).toUpperCase() + s.substring(s.offsetByCodePoints(0, 1));
    }

    private static int ns(String title) {
        return title.startsWith("Portal:") ? 100 : 0;
    }

    private static ObjectNode error(String code, String info) {
        ObjectNode root = JSON.createObjectNode();
        root.putObject("error")
                .put("code", code)
                .put("info", info)
                .put("docref", "See http://127.0.0.1/w/api.php for API usage.");
        root.put("servedby", "fake-mediawiki");
        return root;
    }

    private static ObjectNode maxlagError() {
        ObjectNode root = JSON.createObjectNode();
        root.putObject("error")
                .put("code", "maxlag")
                .put("info", "Waiting for 10.64.16.8: 7 seconds lagged.")
                .put("host", "10.64.16.8")
                .put("lag", 7)
                .put("type", "db")
                .put("docref", "See http://127.0.0.1/w/api.php for API usage.");
        root.put("servedby", "fake-mediawiki");
        return root;
    }
}
