package org.currents.source.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.currents.source.SourceException;

/**
 * A MediaWiki Action API, the entry point of live sync: open one per API with {@link
 * #open(ApiOptions)}, then read day pages through {@link ApiRevisionSource#newBuilder(MediaWikiApi)},
 * check for changes with {@link #pageInfo(List)}, and resolve redirects with {@link
 * #resolveRedirects(Collection)}. Everything made from one instance shares its politeness: one
 * request at a time, bounded tries, the same User-Agent.
 *
 * <p>Safe for use by several threads; their requests are sent one after the other.
 */
public final class MediaWikiApi {
    /**
     * How many titles one request may name: the {@code titles} limit for clients without the
     * {@code apihighlimits} right (API:Query).
     */
    public static final int TITLES_PER_REQUEST = 50;

    // Keeps a batch's URL well under the 8 KB that caches and servers commonly accept.
    private static final int MAX_TITLES_CHARS = 4000;

    private final ActionClient client;

    private MediaWikiApi(ActionClient client) {
        this.client = client;
    }

    /**
     * Opens the API that {@code options} names. Sends nothing.
     *
     * @throws MissingContactException if the API is one of Wikimedia's and the options name no
     *     contact
     */
    public static MediaWikiApi open(ApiOptions options) {
        return open(options, Sleeper.REAL, RandomGenerator.getDefault());
    }

    static MediaWikiApi open(ApiOptions options, Sleeper sleeper, RandomGenerator random) {
        Objects.requireNonNull(options, "options");
        return new MediaWikiApi(new ActionClient(options, sleeper, random));
    }

    /** The {@code api.php} endpoint. */
    public URI api() {
        return client.api();
    }

    /** The User-Agent sent with every request. */
    public String userAgent() {
        return client.userAgent();
    }

    /** Requests and bytes so far. */
    public ApiStats stats() {
        return client.stats();
    }

    ActionClient client() {
        return client;
    }

    /**
     * The newest revision id of each page, with {@code prop=info}: one request per {@value
     * #TITLES_PER_REQUEST} titles, no content downloaded.
     *
     * @param titles page titles with spaces
     * @return one entry per distinct title, keyed by the title as given
     * @throws ApiException when the API fails for good
     */
    public Map<String, PageInfo> pageInfo(List<String> titles) throws IOException {
        Map<String, PageInfo> out = new LinkedHashMap<>();
        for (List<String> batch : batches(new LinkedHashSet<>(titles))) {
            Map<String, String> params = new LinkedHashMap<>();
            params.put("action", "query");
            params.put("prop", "info");
            params.put("titles", String.join("|", batch));
            JsonNode query = client.get(params).path("query");
            Map<String, String> normalized = pairs(query.path("normalized"));
            Map<String, JsonNode> pages = new HashMap<>();
            for (JsonNode page : query.path("pages")) {
                pages.put(page.path("title").asText(), page);
            }
            for (String title : batch) {
                JsonNode page = pages.get(normalized.getOrDefault(title, title));
                if (page == null) {
                    throw new SourceException("prop=info answered nothing for " + title, null);
                }
                boolean missing = page.has("missing") || page.has("invalid");
                out.put(
                        title,
                        new PageInfo(
                                title,
                                missing ? 0 : page.path("pageid").asLong(0),
                                missing ? 0 : page.path("lastrevid").asLong(0),
                                missing));
            }
        }
        return out;
    }

    /**
     * The canonical title of each of {@code titles}: normalised by the wiki, with redirects
     * followed (chains too), in requests of {@value #TITLES_PER_REQUEST} titles
     * ({@code action=query&redirects}). A title that is no redirect, does not exist or cannot
     * be a title maps to its normalised self.
     *
     * @return one entry per distinct title, keyed by the title as given
     * @throws ApiException when the API fails for good
     */
    public Map<String, String> resolveRedirects(Collection<String> titles) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        Set<String> ask = new LinkedHashSet<>();
        for (String title : titles) {
            if (sendable(title)) {
                ask.add(title);
            } else {
                out.put(title, title);
            }
        }
        for (List<String> batch : batches(ask)) {
            Map<String, String> params = new LinkedHashMap<>();
            params.put("action", "query");
            params.put("redirects", "1");
            params.put("titles", String.join("|", batch));
            JsonNode query = client.get(params).path("query");
            Map<String, String> normalized = pairs(query.path("normalized"));
            Map<String, String> redirects = pairs(query.path("redirects"));
            for (String title : batch) {
                String target = normalized.getOrDefault(title, title);
                Set<String> seen = new HashSet<>();
                while (redirects.containsKey(target) && seen.add(target)) {
                    target = redirects.get(target);
                }
                out.put(title, target);
            }
        }
        return out;
    }

    // A title with these characters cannot name a page (Manual:Page title) and a '|' would split
    // the batch; such titles are not sent.
    private static boolean sendable(String title) {
        if (title == null || title.isBlank()) {
            return false;
        }
        for (int i = 0; i < title.length(); i++) {
            if ("|[]{}<>#".indexOf(title.charAt(i)) >= 0 || title.charAt(i) < 0x20) {
                return false;
            }
        }
        return true;
    }

    static List<List<String>> batches(Collection<String> titles) {
        List<List<String>> out = new ArrayList<>();
        List<String> batch = new ArrayList<>();
        int chars = 0;
        for (String title : titles) {
            int len = URLEncoder.encode(title, StandardCharsets.UTF_8).length() + 3;
            if (!batch.isEmpty() && (batch.size() == TITLES_PER_REQUEST || chars + len > MAX_TITLES_CHARS)) {
                out.add(batch);
                batch = new ArrayList<>();
                chars = 0;
            }
            batch.add(title);
            chars += len;
        }
        if (!batch.isEmpty()) {
            out.add(batch);
        }
        return out;
    }

    private static Map<String, String> pairs(JsonNode list) {
        Map<String, String> out = new HashMap<>();
        for (JsonNode p : list) {
            out.put(p.path("from").asText(), p.path("to").asText());
        }
        return out;
    }
}
