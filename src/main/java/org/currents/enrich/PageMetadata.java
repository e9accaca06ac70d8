package org.currents.enrich;

/**
 * The metadata {@link MetadataExtractor} found in one HTML page. Every field is cleaned plain
 * text (entities decoded, tags dropped, whitespace collapsed) or null when the page does not
 * state it; URLs are absolute.
 *
 * @param title the article's title
 * @param description the article's summary
 * @param image the absolute URL of the article's lead image
 * @param siteName the publisher's name
 * @param published the publication time as the page states it
 * @param modified the modification time as the page states it
 * @param canonicalUrl the page's canonical URL
 * @param language the page's language tag ({@code en}, {@code pt-BR})
 * @param author the author names, joined with {@code ", "}
 */
public record PageMetadata(
        String title,
        String description,
        String image,
        String siteName,
        String published,
        String modified,
        String canonicalUrl,
        String language,
        String author) {

    /** Metadata with every field absent. */
    public static final PageMetadata EMPTY = new PageMetadata(null, null, null, null, null, null, null, null, null);
}
