package org.currents.publish;

/**
 * One output format of the site: turns the build's {@link Views} into page text. The build
 * decides which pages exist and where (the page plan); a renderer only draws them, and links
 * with its own extension. A renderer returns null for the kinds of pages its format lacks
 * (the Markdown archive has no topics or calendars, the Atom renderer only draws feeds).
 */
public interface Renderer {
    /** The file extension of this format's pages, without the dot: {@code md}, {@code html}. */
    String extension();

    /** The page of one version of an event, or null when this format has none. */
    default String eventPage(Views.EventPage page, Views.Site site) {
        return null;
    }

    /** A day's page, or null. */
    default String dayPage(Views.DayPage page, Views.Site site) {
        return null;
    }

    /** The home page, or null when this format has none. */
    default String homePage(Views.HomePage page, Views.Site site) {
        return null;
    }

    /** A year's page, or null. */
    default String yearPage(Views.YearPage page, Views.Site site) {
        return null;
    }

    /** A month's calendar, or null. */
    default String monthPage(Views.MonthPage page, Views.Site site) {
        return null;
    }

    /** The A–Z index of topics, or null. */
    default String topicIndex(Views.TopicIndex page, Views.Site site) {
        return null;
    }

    /** One page of a topic, or null. */
    default String topicPage(Views.TopicPage page, Views.Site site) {
        return null;
    }

    /** The page shown for a path the site lacks, or null. */
    default String notFoundPage(Views.Site site) {
        return null;
    }

    /** A feed, or null. */
    default String feed(Views.Feed feed, Views.Site site) {
        return null;
    }

    /** The absolute link to page {@code path} (no extension) in this format: {@code /news/....md}. */
    default String link(String path) {
        return "/" + path + "." + extension();
    }
}
