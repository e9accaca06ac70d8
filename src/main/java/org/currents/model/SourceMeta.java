package org.currents.model;

import java.time.Instant;
import java.util.Objects;

/**
 * What currents learnt about one cited URL: the outcome of fetching it and the metadata of
 * the page it led to. Every text field is untrusted text from a news site, stored as plain text
 * and escaped by each renderer; absent fields are null.
 *
 * @param url the URL as cited
 * @param finalUrl the URL after redirects, or null when nothing was fetched
 * @param httpStatus the final HTTP status, or 0 when no response was received
 * @param outcome the outcome label: {@code ok}, {@code http-404}, {@code timeout},
 *     {@code robots-denied}, {@code refused-private-address}, {@code not-html},
 *     {@code too-large}, ...
 * @param fetchedAt when the fetch ended
 * @param title the article's title
 * @param description the article's description (the event page's summary line)
 * @param image the absolute URL of the article's image (the event page's cover image)
 * @param siteName the publisher's name
 * @param published when the article was published, as the page states it
 * @param modified when the article was last modified, as the page states it
 * @param canonicalUrl the page's canonical URL
 * @param language the page's language tag
 * @param author the article's author(s)
 * @param archiveUrl the Wayback Machine snapshot the metadata came from, or null
 */
public record SourceMeta(
        String url,
        String finalUrl,
        int httpStatus,
        String outcome,
        Instant fetchedAt,
        String title,
        String description,
        String image,
        String siteName,
        String published,
        String modified,
        String canonicalUrl,
        String language,
        String author,
        String archiveUrl) {
    public SourceMeta {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(fetchedAt, "fetchedAt");
    }

    /** True when the fetch succeeded and metadata was extracted. */
    public boolean ok() {
        return "ok".equals(outcome);
    }
}
