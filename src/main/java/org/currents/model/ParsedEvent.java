package org.currents.model;

import java.util.List;
import java.util.Objects;

/**
 * One event as read off one revision of a day page.
 *
 * @param category the category heading above it, or empty when the page has none
 * @param stories plain texts of the story bullets above it, outermost first
 * @param text its plain text: what a reader sees, less the cited sources
 * @param links normalised targets of its wikilinks, in order
 * @param sources its cited sources, in order; empty for an unsourced event
 * @param position 1-based order of the event on the page
 * @param line 1-based line of the bullet in the wikitext
 * @param unsourced true for a sentence bullet without sources (the 2002-2004 style)
 */
public record ParsedEvent(
        String category,
        List<String> stories,
        String text,
        List<String> links,
        List<Source> sources,
        int position,
        int line,
        boolean unsourced) {
    public ParsedEvent {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(text, "text");
        stories = List.copyOf(stories);
        links = List.copyOf(links);
        sources = List.copyOf(sources);
    }
}
