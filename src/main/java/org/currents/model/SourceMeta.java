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

    /**
     * A builder for the record: fifteen fields, most of them often absent, read badly as
     * positional arguments (a title and a description are both strings).
     *
     * @param url the URL as cited
     * @param outcome the outcome label
     * @param fetchedAt when the fetch ended
     */
    public static Builder builder(String url, String outcome, Instant fetchedAt) {
        return new Builder(url, outcome, fetchedAt);
    }

    /** A builder holding this record's fields, to change some of them. */
    public Builder toBuilder() {
        Builder b = new Builder(url, outcome, fetchedAt);
        b.finalUrl = finalUrl;
        b.httpStatus = httpStatus;
        b.title = title;
        b.description = description;
        b.image = image;
        b.siteName = siteName;
        b.published = published;
        b.modified = modified;
        b.canonicalUrl = canonicalUrl;
        b.language = language;
        b.author = author;
        b.archiveUrl = archiveUrl;
        return b;
    }

    /** Builds a {@link SourceMeta} field by field; fields not set are null (0 for the status). */
    public static final class Builder {
        private String url;
        private String outcome;
        private Instant fetchedAt;
        private String finalUrl;
        private int httpStatus;
        private String title;
        private String description;
        private String image;
        private String siteName;
        private String published;
        private String modified;
        private String canonicalUrl;
        private String language;
        private String author;
        private String archiveUrl;

        private Builder(String url, String outcome, Instant fetchedAt) {
            this.url = url;
            this.outcome = outcome;
            this.fetchedAt = fetchedAt;
        }

        /** The URL as cited. */
        public Builder url(String v) {
            url = v;
            return this;
        }

        /** The outcome label. */
        public Builder outcome(String v) {
            outcome = v;
            return this;
        }

        /** When the fetch ended. */
        public Builder fetchedAt(Instant v) {
            fetchedAt = v;
            return this;
        }

        /** The URL after redirects. */
        public Builder finalUrl(String v) {
            finalUrl = v;
            return this;
        }

        /** The final HTTP status. */
        public Builder httpStatus(int v) {
            httpStatus = v;
            return this;
        }

        /** The article's title. */
        public Builder title(String v) {
            title = v;
            return this;
        }

        /** The article's description. */
        public Builder description(String v) {
            description = v;
            return this;
        }

        /** The absolute URL of the article's image. */
        public Builder image(String v) {
            image = v;
            return this;
        }

        /** The publisher's name. */
        public Builder siteName(String v) {
            siteName = v;
            return this;
        }

        /** When the article was published, as the page states it. */
        public Builder published(String v) {
            published = v;
            return this;
        }

        /** When the article was last modified, as the page states it. */
        public Builder modified(String v) {
            modified = v;
            return this;
        }

        /** The page's canonical URL. */
        public Builder canonicalUrl(String v) {
            canonicalUrl = v;
            return this;
        }

        /** The page's language tag. */
        public Builder language(String v) {
            language = v;
            return this;
        }

        /** The article's author(s). */
        public Builder author(String v) {
            author = v;
            return this;
        }

        /** The Wayback Machine snapshot the metadata came from. */
        public Builder archiveUrl(String v) {
            archiveUrl = v;
            return this;
        }

        /** The record. */
        public SourceMeta build() {
            return new SourceMeta(
                    url,
                    finalUrl,
                    httpStatus,
                    outcome,
                    fetchedAt,
                    title,
                    description,
                    image,
                    siteName,
                    published,
                    modified,
                    canonicalUrl,
                    language,
                    author,
                    archiveUrl);
        }
    }
}
