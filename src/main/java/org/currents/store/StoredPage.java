package org.currents.store;

import java.time.LocalDate;

/**
 * A day page as the store knows it.
 *
 * @param id the store's page id
 * @param title its title
 * @param day its day
 * @param revisions how many revisions are stored
 * @param newestRevisionId the newest stored revision, or 0
 * @param missing true when the wiki said the page does not exist
 */
public record StoredPage(
        long id, String title, LocalDate day, long revisions, long newestRevisionId, boolean missing) {}
