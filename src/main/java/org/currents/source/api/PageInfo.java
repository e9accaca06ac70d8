package org.currents.source.api;

/**
 * What {@code prop=info} says about one page: enough to tell whether it changed, without its
 * content.
 *
 * @param title the title as asked for
 * @param pageId the wiki's page id, or 0 when missing
 * @param lastRevisionId the id of the page's newest revision, or 0 when missing
 * @param missing true when the page does not exist (or the title is invalid)
 */
public record PageInfo(String title, long pageId, long lastRevisionId, boolean missing) {}
