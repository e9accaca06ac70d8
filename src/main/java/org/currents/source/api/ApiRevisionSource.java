package org.currents.source.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import org.currents.model.Revision;
import org.currents.model.WikiPage;
import org.currents.source.DayPageTitle;
import org.currents.source.RevisionSink;
import org.currents.source.RevisionSource;
import org.currents.source.SourceException;

/**
 * The day pages of a date range, read from a live MediaWiki API: every revision newer than what
 * the archive holds, oldest first, one page at a time. Build one with {@link
 * #newBuilder(MediaWikiApi)}.
 *
 * <p>For each run of up to {@value MediaWikiApi#TITLES_PER_REQUEST} days, one {@code prop=info}
 * request tells which pages exist and which changed; only changed pages are then read with
 * {@code prop=revisions} ({@code rvdir=newer}, {@code rvlimit=max}, following {@code continue}),
 * starting at the newest known revision ({@code rvstartid}). A run over days that did not change
 * therefore costs one request and downloads no content. Pages that do not exist go to {@link
 * DayObserver#missing}, not to the sink.
 */
public final class ApiRevisionSource implements RevisionSource {
    private static final String RVPROP = "ids|timestamp|user|comment|sha1|content";

    private final MediaWikiApi api;
    private final LocalDate from;
    private final LocalDate to;
    private final KnownRevisions known;
    private final DayObserver observer;
    private final BooleanSupplier stopRequested;
    private ReadSummary summary;

    private ApiRevisionSource(Builder b) {
        this.api = b.api;
        this.from = b.from;
        this.to = b.to;
        this.known = b.known;
        this.observer = b.observer;
        this.stopRequested = b.stopRequested;
    }

    /** A builder reading through {@code api}. */
    public static Builder newBuilder(MediaWikiApi api) {
        return new Builder(Objects.requireNonNull(api, "api"));
    }

    @Override
    public String describe() {
        return api.api() + " " + from + ".." + to;
    }

    /**
     * What the last {@link #readInto} did, also when it failed (then {@code days} counts the
     * days done before the failure), or null before the first one.
     */
    public ReadSummary summary() {
        return summary;
    }

    /**
     * Hands every new revision of every day page in the range to {@code sink}, day by day.
     *
     * @throws ApiException when the API fails for good; pages completed before stay with the sink
     * @throws SourceException when an answer does not have the expected shape
     */
    @Override
    public void readInto(RevisionSink sink) throws IOException {
        Objects.requireNonNull(sink, "sink");
        ApiStats start = api.stats();
        Tally tally = new Tally();
        List<LocalDate> days = from.datesUntil(to.plusDays(1)).toList();
        int done = 0;
        try {
            for (int i = 0; i < days.size() && !stopRequested.getAsBoolean(); i += MediaWikiApi.TITLES_PER_REQUEST) {
                Map<String, LocalDate> titles = new LinkedHashMap<>();
                for (LocalDate day : days.subList(i, Math.min(days.size(), i + MediaWikiApi.TITLES_PER_REQUEST))) {
                    titles.put(DayPageTitle.of(day), day);
                }
                Map<String, PageInfo> infos = api.pageInfo(new ArrayList<>(titles.keySet()));
                for (Map.Entry<String, LocalDate> t : titles.entrySet()) {
                    if (stopRequested.getAsBoolean()) {
                        break;
                    }
                    read(t.getKey(), t.getValue(), infos.get(t.getKey()), sink, tally);
                    done++;
                }
            }
        } finally {
            ApiStats used = api.stats().minus(start);
            summary = new ReadSummary(
                    done,
                    tally.missing,
                    tally.unchanged,
                    tally.fetched,
                    tally.revisions,
                    used.requests(),
                    used.bytesReceived());
        }
    }

    private static final class Tally {
        int missing;
        int unchanged;
        int fetched;
        long revisions;
    }

    private void read(String title, LocalDate day, PageInfo info, RevisionSink sink, Tally tally) throws IOException {
        long newest = known.newestRevisionId(title);
        if (info.missing()) {
            tally.missing++;
            observer.missing(new WikiPage(title, day, 0));
            return;
        }
        WikiPage page = new WikiPage(title, day, info.pageId());
        if (newest > 0 && info.lastRevisionId() <= newest) {
            tally.unchanged++;
            observer.unchanged(page, newest);
            return;
        }
        long requestsBefore = api.stats().requests();
        int delivered;
        try {
            delivered = fetch(page, newest, sink);
        } catch (ApiException e) {
            if (newest > 0 && "nosuchrevid".equals(e.code())) {
                // The stored newest revision is gone from the wiki (its page was deleted and
                // recreated, or histories were merged): read the whole history again; the sink
                // skips what it already holds.
                delivered = fetch(page, 0, sink);
            } else {
                throw e;
            }
        }
        long requests = api.stats().requests() - requestsBefore;
        if (delivered < 0) {
            tally.missing++;
            observer.missing(new WikiPage(title, day, 0));
        } else if (delivered == 0) {
            tally.unchanged++;
            observer.unchanged(page, newest);
        } else {
            tally.fetched++;
            tally.revisions += delivered;
            observer.fetched(page, delivered, requests);
        }
    }

    /** Streams the page's revisions after {@code newest} to the sink; -1 when it is missing. */
    private int fetch(WikiPage page, long newest, RevisionSink sink) throws IOException {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("action", "query");
        params.put("prop", "revisions");
        params.put("titles", page.title());
        params.put("rvprop", RVPROP);
        params.put("rvslots", "main");
        params.put("rvdir", "newer");
        params.put("rvlimit", "max");
        if (newest > 0) {
            // rvstartid includes the start revision itself; it is skipped below.
            params.put("rvstartid", Long.toString(newest));
        }
        int delivered = 0;
        WikiPage begun = null;
        while (true) {
            JsonNode root = api.client().get(params);
            JsonNode pageJson = onlyPage(root, page.title());
            if (pageJson.has("missing") || pageJson.has("invalid")) {
                if (begun != null) {
                    throw new SourceException(page.title() + " went missing while its revisions were read", null);
                }
                return -1;
            }
            for (JsonNode rev : pageJson.path("revisions")) {
                Revision r = RevisionDecoder.decode(rev, page.title());
                if (r.id() == newest) {
                    continue;
                }
                if (begun == null) {
                    begun = new WikiPage(
                            page.title(), page.day(), pageJson.path("pageid").asLong(page.wikiPageId()));
                    sink.beginPage(begun);
                }
                sink.revision(r);
                delivered++;
            }
            JsonNode cont = root.get("continue");
            if (cont == null || !cont.isObject()) {
                break;
            }
            for (Map.Entry<String, JsonNode> e : cont.properties()) {
                params.put(e.getKey(), e.getValue().asText());
            }
        }
        if (begun != null) {
            sink.endPage();
        }
        return delivered;
    }

    private static JsonNode onlyPage(JsonNode root, String title) throws SourceException {
        JsonNode pages = root.path("query").path("pages");
        if (!pages.isArray() || pages.size() != 1) {
            throw new SourceException(
                    "prop=revisions for " + title + " answered " + pages.size() + " pages instead of one", null);
        }
        return pages.get(0);
    }

    /** Builds an {@link ApiRevisionSource}. */
    public static final class Builder {
        private final MediaWikiApi api;
        private LocalDate from;
        private LocalDate to;
        private KnownRevisions known = KnownRevisions.NONE;
        private DayObserver observer = DayObserver.NONE;
        private BooleanSupplier stopRequested = () -> false;

        private Builder(MediaWikiApi api) {
            this.api = api;
        }

        /**
         * The days to read, both included; required.
         *
         * @throws IllegalArgumentException if {@code to} is before {@code from}
         */
        public Builder days(LocalDate from, LocalDate to) {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            if (to.isBefore(from)) {
                throw new IllegalArgumentException("to must not be before from: " + from + ".." + to);
            }
            this.from = from;
            this.to = to;
            return this;
        }

        /** What the archive already holds; default {@link KnownRevisions#NONE} (read everything). */
        public Builder known(KnownRevisions known) {
            this.known = Objects.requireNonNull(known, "known");
            return this;
        }

        /** Who hears about each day; default {@link DayObserver#NONE}. */
        public Builder observer(DayObserver observer) {
            this.observer = Objects.requireNonNull(observer, "observer");
            return this;
        }

        /**
         * Asked between pages: when it says true, {@link #readInto} returns after the page it
         * is on, leaving the rest for the next run; default never.
         */
        public Builder stopRequested(BooleanSupplier stopRequested) {
            this.stopRequested = Objects.requireNonNull(stopRequested, "stopRequested");
            return this;
        }

        /**
         * The source.
         *
         * @throws IllegalStateException if no days were given
         */
        public ApiRevisionSource build() {
            if (from == null) {
                throw new IllegalStateException("ApiRevisionSource needs days(from, to)");
            }
            return new ApiRevisionSource(this);
        }
    }
}
