package org.currents.wikitext;

import java.util.List;
import org.currents.model.Source;

/**
 * One bullet's (or heading's) inline content as a reader sees it.
 *
 * @param text the visible text less cited sources, whitespace collapsed and trimmed
 * @param links normalised wikilink targets, in order
 * @param sources cited external links, in order
 * @param ownText true when some letter or digit is outside wikilinks: the line says something
 *     of its own rather than only naming topics
 * @param topicPrefix true when the line starts with a wikilink followed by a colon
 *     ({@code [[Topic]]: text})
 * @param problems problems found, with columns relative to the start of the rendered string
 */
record Inline(
        String text,
        List<String> links,
        List<Source> sources,
        boolean ownText,
        boolean topicPrefix,
        List<LineProblem> problems) {

    /** A problem at a column of the rendered line. */
    record LineProblem(int column, String message) {}

    int words() {
        if (text.isEmpty()) {
            return 0;
        }
        int n = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == ' ') {
                n++;
            }
        }
        return n;
    }
}
