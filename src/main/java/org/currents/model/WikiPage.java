package org.currents.model;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One "Portal:Current events/&lt;YYYY&gt; &lt;Month&gt; &lt;D&gt;" day page as a source announces it.
 *
 * @param title the page title with spaces, e.g. {@code Portal:Current events/2017 July 9}
 * @param day the day the title names
 * @param wikiPageId the wiki's page id, or 0 when the source does not know it
 */
public record WikiPage(String title, LocalDate day, long wikiPageId) {
    public WikiPage {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(day, "day");
    }
}
