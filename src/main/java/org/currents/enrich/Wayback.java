package org.currents.enrich;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dead links' snapshots: asks the Wayback Machine's availability API
 * ({@code https://archive.org/wayback/available?url=...&timestamp=YYYYMMDD}, documented at
 * archive.org/help/wayback_api.php) for the snapshot closest to the event's day.
 */
final class Wayback {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** {@code /web/20170709120000/http://...}, optionally with flags after the timestamp. */
    private static final Pattern SNAPSHOT = Pattern.compile("^/web/(\\d{1,14})([a-z_]*)/(.+)$");

    private final Fetcher fetcher;
    private final URI api;

    Wayback(Fetcher fetcher, URI api) {
        this.fetcher = fetcher;
        this.api = api;
    }

    /**
     * The closest snapshot of {@code url} with status 2xx.
     *
     * @param day the day the URL was cited, or null for the newest snapshot
     * @return the snapshot's URL as the API gives it, or null when there is none or the API failed
     */
    URI closest(URI url, LocalDate day) throws InterruptedException {
        String query = "url=" + URLEncoder.encode(url.toString(), StandardCharsets.UTF_8)
                + (day == null ? "" : "&timestamp=" + day.format(DateTimeFormatter.BASIC_ISO_DATE));
        String base = api.toString();
        URI request = Urls.parse(base + (base.contains("?") ? "&" : "?") + query);
        if (request == null) {
            return null;
        }
        Fetcher.Result r = fetcher.fetch(request, null, Fetcher.Accept.JSON);
        if (!r.ok()) {
            return null;
        }
        try {
            JsonNode closest =
                    JSON.readTree(r.body()).path("archived_snapshots").path("closest");
            String status = closest.path("status").asText("200");
            if (!closest.path("available").asBoolean(false) || !status.startsWith("2")) {
                return null;
            }
            return Urls.parse(closest.path("url").asText(null));
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * The snapshot's raw form ({@code id_} after the timestamp): the page as archived, without
     * the Wayback toolbar and with its links unrewritten.
     */
    static URI raw(URI snapshot) {
        Matcher m = SNAPSHOT.matcher(snapshot.getRawPath() == null ? "" : snapshot.getRawPath());
        if (!m.matches()) {
            return snapshot;
        }
        String query = snapshot.getRawQuery() == null ? "" : "?" + snapshot.getRawQuery();
        URI raw = Urls.parse(snapshot.getScheme() + "://" + snapshot.getRawAuthority() + "/web/" + m.group(1) + "id_/"
                + m.group(3) + query);
        return raw == null ? snapshot : raw;
    }

    /** The archived page's own URL, which its relative links resolve against; null if unknown. */
    static URI original(URI snapshot) {
        Matcher m = SNAPSHOT.matcher(snapshot.getRawPath() == null ? "" : snapshot.getRawPath());
        if (!m.matches()) {
            return null;
        }
        String query = snapshot.getRawQuery() == null ? "" : "?" + snapshot.getRawQuery();
        return Urls.parse(m.group(3).replaceFirst("^(https?):/(?!/)", "$1://") + query);
    }
}
