package org.currents.store;

import java.time.LocalDate;
import java.util.Objects;
import org.currents.model.EventStatus;

/**
 * A full-text search of the archive and its filters.
 *
 * @param text the query in SQLite FTS5 syntax (words, {@code "phrases"}, {@code OR}, {@code NOT},
 *     {@code prefix*}); words with punctuation are taken as phrases
 * @param from the first day, or null
 * @param to the last day, or null
 * @param category the category heading of the event now, or null
 * @param topic the key of a context the event has, or null
 * @param domain the host (without {@code www.}) of one of the event's sources, or null
 * @param status current or removed events only, or null for both
 * @param offset results to skip
 * @param limit results to return, 1 to {@link #MAX_LIMIT}
 * @param ceiling the newest row the ranking may take, as the first page's {@link
 *     SearchPage#ceiling()} said, so that later pages slice the same ranking; 0 on a first page
 */
public record SearchQuery(
        String text,
        LocalDate from,
        LocalDate to,
        String category,
        String topic,
        String domain,
        EventStatus status,
        int offset,
        int limit,
        long ceiling) {
    /** The longest query accepted, in characters. */
    public static final int MAX_LENGTH = 500;
    /** The most results one page returns. */
    public static final int MAX_LIMIT = 100;
    /** The deepest offset a query may page to. */
    public static final int MAX_OFFSET = 10_000;

    /**
     * @throws QueryException if the text is blank or longer than {@link #MAX_LENGTH}, or paging is out of range
     */
    public SearchQuery {
        Objects.requireNonNull(text, "text");
        if (text.isBlank()) {
            throw new QueryException("the query is empty");
        }
        if (text.length() > MAX_LENGTH) {
            throw new QueryException("the query is " + text.length() + " characters long; the limit is " + MAX_LENGTH);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new QueryException("limit must be 1 to " + MAX_LIMIT + ": " + limit);
        }
        if (offset < 0 || offset > MAX_OFFSET) {
            throw new QueryException("offset must be 0 to " + MAX_OFFSET + ": " + offset);
        }
        if (ceiling < 0) {
            throw new QueryException("the cursor is not one this server gave");
        }
        if (from != null && to != null && from.isAfter(to)) {
            throw new QueryException("from (" + from + ") is after to (" + to + ")");
        }
    }

    /** A query for {@code text} without filters: the first {@code limit} results. */
    public static SearchQuery of(String text, int limit) {
        return new SearchQuery(text, null, null, null, null, null, null, 0, limit, 0);
    }
}
