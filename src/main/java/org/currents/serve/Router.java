package org.currents.serve;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.DateUtils;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.currents.publish.LiveSite;
import org.currents.store.ArchiveStore;
import org.currents.store.SearchHit;
import org.currents.store.SearchPage;
import org.currents.store.SearchQuery;
import org.currents.store.StoreException;

/**
 * Every route of the server. A request whose response is cached is answered on the I/O thread
 * from bytes; any other is dispatched to a worker, made in one snapshot of the archive, and
 * cached. Every response carries the security headers; GET and HEAD are the only methods (the
 * API also answers CORS preflights); errors of the API are JSON.
 */
final class Router implements HttpHandler {
    static final String JSON_TYPE = "application/json; charset=utf-8";
    static final String HTML_TYPE = "text/html; charset=utf-8";

    /**
     * Same origin for everything but images: cover images are the news sites' (https only).
     * No script runs on the site at all; frames of it are refused.
     */
    static final String CSP = "default-src 'self'; img-src 'self' https:; script-src 'none'; object-src 'none';"
            + " base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private static final HttpString CSP_HEADER = new HttpString("Content-Security-Policy");
    private static final HttpString NOSNIFF = new HttpString("X-Content-Type-Options");
    private static final HttpString REFERRER = new HttpString("Referrer-Policy");
    private static final HttpString FRAME = new HttpString("X-Frame-Options");
    private static final HttpString CORS = new HttpString("Access-Control-Allow-Origin");
    private static final HttpString LINK = new HttpString("Link");
    private static final HttpString CORS_METHODS = new HttpString("Access-Control-Allow-Methods");
    private static final HttpString CORS_HEADERS = new HttpString("Access-Control-Allow-Headers");
    private static final HttpString CORS_EXPOSE = new HttpString("Access-Control-Expose-Headers");

    private final LiveArchive archive;
    private final PageCache cache;
    private final byte[] openApi;

    Router(LiveArchive archive, PageCache cache) {
        this.archive = archive;
        this.cache = cache;
        this.openApi = resource("openapi.json");
    }

    @Override
    public void handleRequest(HttpServerExchange x) {
        HeaderMap h = x.getResponseHeaders();
        h.put(CSP_HEADER, CSP);
        h.put(NOSNIFF, "nosniff");
        h.put(REFERRER, "strict-origin-when-cross-origin");
        h.put(FRAME, "DENY");
        String path = x.getRequestPath();
        boolean api = path.startsWith("/api/");
        if (api) {
            h.put(CORS, "*");
            h.put(CORS_EXPOSE, "Link, ETag");
        }
        HttpString method = x.getRequestMethod();
        if (api && method.equals(Methods.OPTIONS)) {
            h.put(CORS_METHODS, "GET, HEAD, OPTIONS");
            h.put(CORS_HEADERS, "If-None-Match, If-Modified-Since");
            h.put(Headers.ALLOW, "GET, HEAD, OPTIONS");
            x.setStatusCode(204);
            x.endExchange();
            return;
        }
        if (!method.equals(Methods.GET) && !method.equals(Methods.HEAD)) {
            h.put(Headers.ALLOW, api ? "GET, HEAD, OPTIONS" : "GET, HEAD");
            send(x, error(405, "method " + method + " is not allowed: this server only reads", api));
            return;
        }
        LiveArchive.State state = archive.state();
        String query = x.getQueryString();
        String key = PageCache.key(state.sequence(), query.isEmpty() ? path : path + "?" + query);
        Response cached = cache.get(key);
        if (cached != null) {
            send(x, cached);
            return;
        }
        if (x.isInIoThread()) {
            x.dispatch(this);
            return;
        }
        Response r;
        try {
            r = route(x, path, api, state);
        } catch (HttpError e) {
            r = error(e.status, e.getMessage(), api);
        } catch (StoreException e) {
            r = error(503, "the archive cannot be read: " + e.getMessage(), api);
        }
        if (r.status() == 200
                && !path.equals("/healthz")
                && state.sequence() == archive.state().sequence()) {
            cache.put(key, r);
        }
        send(x, r);
    }

    private Response route(HttpServerExchange x, String path, boolean api, LiveArchive.State state) {
        if (path.indexOf('\0') >= 0 || path.contains("..") || path.contains("//") || path.contains("\\")) {
            throw new HttpError(400, "malformed path");
        }
        String modified = DateUtils.toDateString(Date.from(state.since()));
        Map<String, Deque<String>> params = x.getQueryParameters();
        if (path.equals("/healthz")) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("status", "ok");
            m.put("sequence", state.sequence());
            return json(m, null, "no-store", null);
        }
        if (api) {
            return api(x, path, params, modified);
        }
        if (path.equals("/search")) {
            return archive.read(store -> searchPage(store, params, x.getQueryString(), modified));
        }
        String file = path.equals("/") ? "index.html" : path.substring(1);
        if (file.endsWith("/")) {
            file += "index.html";
        }
        String f = file;
        // no page of the site is a dot-file or in a dot-folder (slugs are letters, digits and
        // dashes): such a path is never looked up, whatever a build keeps there (.currents-build)
        Optional<LiveSite.Page> page = path.contains("/.")
                ? Optional.empty()
                : archive.read(store -> archive.site(store).page(store, f));
        if (page.isEmpty()) {
            String notFound = archive.read(store -> archive.site(store).notFoundPage());
            return Response.of(404, HTML_TYPE, notFound, "no-store", null, null);
        }
        boolean asset = f.startsWith("assets/") || f.equals("robots.txt");
        return Response.of(
                200,
                page.get().contentType(),
                page.get().body(),
                asset ? Response.ASSET : Response.REVALIDATE,
                null,
                modified);
    }

    private Response api(HttpServerExchange x, String path, Map<String, Deque<String>> params, String modified) {
        String[] parts = path.substring("/api/".length()).split("/", -1);
        Api.Paged p;
        if (parts.length == 1 && parts[0].equals("openapi.json")) {
            return Response.of(200, JSON_TYPE, new String(openApi, StandardCharsets.UTF_8), Response.ASSET, null, null);
        } else if (parts.length == 2 && parts[0].equals("days")) {
            p = archive.read(store -> Api.day(store, parts[1]));
        } else if (parts.length == 2 && parts[0].equals("events")) {
            p = archive.read(store -> Api.event(store, archive, parts[1]));
        } else if (parts.length == 1 && parts[0].equals("topics")) {
            p = archive.read(store -> Api.topics(store, archive, params));
        } else if (parts.length == 2 && parts[0].equals("topics")) {
            p = archive.read(store -> Api.topic(store, archive, parts[1], params));
        } else if (parts.length == 1 && parts[0].equals("sources")) {
            p = archive.read(store -> Api.sources(store, params));
        } else if (parts.length == 1 && parts[0].equals("search")) {
            p = archive.read(store -> Api.search(store, archive, params, x.getQueryString()));
        } else {
            throw new HttpError(404, "no such route: " + path + " (see /api/openapi.json)");
        }
        return json(
                p.body(), p.next() == null ? null : "<" + p.next() + ">; rel=\"next\"", Response.REVALIDATE, modified);
    }

    private Response searchPage(
            ArchiveStore store, Map<String, Deque<String>> params, String rawQuery, String modified) {
        LiveSite site = archive.site(store);
        String q = Api.param(params, "q");
        if (q == null || q.isBlank()) {
            return Response.of(
                    200,
                    HTML_TYPE,
                    site.searchPage(new LiveSite.SearchView("", List.of(), null, null)),
                    Response.REVALIDATE,
                    null,
                    modified);
        }
        String shown = q.length() > SearchQuery.MAX_LENGTH ? q.substring(0, SearchQuery.MAX_LENGTH) : q;
        try {
            SearchQuery query = Api.query(params, slug -> site.topicKey(store, slug));
            SearchPage page = Api.run(store, query);
            List<LiveSite.Result> results = new ArrayList<>();
            for (SearchHit hit : page.hits()) {
                results.add(new LiveSite.Result(
                        hit.text(),
                        site.eventPath(store, hit.id(), hit.day()),
                        hit.day(),
                        hit.status() != org.currents.model.EventStatus.CURRENT,
                        LiveSite.parts(hit.snippet(), SearchHit.MARK_START, SearchHit.MARK_END)));
            }
            String next = page.more()
                    ? "/search?" + Api.withCursor(rawQuery, query.offset() + query.limit(), page.ceiling())
                    : null;
            return Response.of(
                    200,
                    HTML_TYPE,
                    site.searchPage(new LiveSite.SearchView(shown, results, null, next)),
                    Response.REVALIDATE,
                    next == null ? null : "<" + next + ">; rel=\"next\"",
                    modified);
        } catch (HttpError e) {
            return Response.of(
                    e.status,
                    HTML_TYPE,
                    site.searchPage(new LiveSite.SearchView(shown, List.of(), e.getMessage(), null)),
                    "no-store",
                    null,
                    null);
        }
    }

    private static Response json(Object body, String link, String cacheControl, String modified) {
        byte[] bytes = Api.json(body);
        return Response.of(200, JSON_TYPE, new String(bytes, StandardCharsets.UTF_8), cacheControl, link, modified);
    }

    static Response error(int status, String message, boolean api) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("error", message);
        m.put("status", status);
        if (api) {
            return Response.of(
                    status, JSON_TYPE, new String(Api.json(m), StandardCharsets.UTF_8), "no-store", null, null);
        }
        return Response.of(status, "text/plain; charset=utf-8", message + "\n", "no-store", null, null);
    }

    /** Sends {@code r}: a 304 when the client holds it, gzip when the client takes it. */
    private static void send(HttpServerExchange x, Response r) {
        HeaderMap h = x.getResponseHeaders();
        HeaderMap req = x.getRequestHeaders();
        h.put(Headers.CACHE_CONTROL, r.cacheControl());
        if (r.link() != null) {
            h.put(LINK, r.link());
        }
        if (r.lastModified() != null) {
            h.put(Headers.LAST_MODIFIED, r.lastModified());
        }
        boolean gzip = r.gzip() != null && accepts(req.getFirst(Headers.ACCEPT_ENCODING));
        if (r.gzip() != null) {
            h.put(Headers.VARY, "Accept-Encoding");
        }
        if (r.etag() != null) {
            String etag = gzip ? r.etag().substring(0, r.etag().length() - 1) + "-gz\"" : r.etag();
            h.put(Headers.ETAG, etag);
            if (notModified(req, r)) {
                x.setStatusCode(304);
                x.endExchange();
                return;
            }
        }
        x.setStatusCode(r.status());
        h.put(Headers.CONTENT_TYPE, r.contentType());
        byte[] body = gzip ? r.gzip() : r.body();
        if (gzip) {
            h.put(Headers.CONTENT_ENCODING, "gzip");
        }
        h.put(Headers.CONTENT_LENGTH, body.length);
        if (x.getRequestMethod().equals(Methods.HEAD)) {
            x.endExchange();
            return;
        }
        x.getResponseSender().send(ByteBuffer.wrap(body));
    }

    private static boolean notModified(HeaderMap req, Response r) {
        String inm = req.getFirst(Headers.IF_NONE_MATCH);
        if (inm != null) {
            String tag = r.etag().substring(1, r.etag().length() - 1);
            for (String t : inm.split(",")) {
                String s = t.strip();
                if (s.startsWith("W/")) {
                    s = s.substring(2);
                }
                if (s.equals("*") || s.equals("\"" + tag + "\"") || s.equals("\"" + tag + "-gz\"")) {
                    return true;
                }
            }
            return false; // If-None-Match wins over If-Modified-Since (RFC 9110, 13.1.3)
        }
        String ims = req.getFirst(Headers.IF_MODIFIED_SINCE);
        if (ims != null && r.lastModified() != null) {
            Date since = DateUtils.parseDate(ims);
            Date modified = DateUtils.parseDate(r.lastModified());
            return since != null && modified != null && !modified.after(since);
        }
        return false;
    }

    private static boolean accepts(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String part : acceptEncoding.split(",")) {
            String p = part.strip();
            if (p.startsWith("gzip")) {
                return !p.replace(" ", "").endsWith(";q=0");
            }
        }
        return false;
    }

    private static byte[] resource(String name) {
        try (InputStream in = Router.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the resource " + name + " is missing from this build");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }
}
