package org.currents.store;

import java.time.LocalDate;
import org.currents.model.EventStatus;

/**
 * One event a search found.
 *
 * @param id the event's id
 * @param day the day page it is on now
 * @param text its current text
 * @param category its category heading now
 * @param status current or removed
 * @param snippet the best passage of the version that matched: raw text in which each match
 *     is between {@link #MARK_START} and {@link #MARK_END} (escape the text, then mark them)
 * @param score bm25 of the best matching version (lower is better)
 */
public record SearchHit(
        String id, LocalDate day, String text, String category, EventStatus status, String snippet, double score) {
    /** Starts a match in {@link #snippet}: a control character that no stored text holds. */
    public static final char MARK_START = '\u0001';
    /** Ends a match in {@link #snippet}. */
    public static final char MARK_END = '\u0002';
}
