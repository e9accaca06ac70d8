package org.currents.publish;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.currents.model.Event;
import org.currents.model.SourceMeta;

/**
 * What each page of the site shows, not how: the records the build hands to every {@link
 * Renderer}. Paths in them are page paths from the site root without an extension ({@code
 * news/2017/07/9/index}); each renderer adds its own ({@link Renderer#link}).
 */
public final class Views {
    private Views() {}

    /**
     * Facts about the site that every page needs.
     *
     * @param wiki the wiki's {@code index.php} URL, for revision and history links
     * @param baseUrl where the site is served from, without a trailing {@code /}
     */
    public record Site(String wiki, String baseUrl) {
        /** The absolute URL of a site path that starts with {@code /}. */
        public String absolute(String link) {
            return baseUrl + link;
        }

        /** The link to revision {@code revisionId} on the wiki. */
        public String revision(long revisionId) {
            return wiki + "?oldid=" + revisionId;
        }

        /** The link to the history of {@code day}'s portal page on the wiki. */
        public String history(LocalDate day) {
            return wiki + "?title=" + Paths.portalTitle(day).replace(' ', '_') + "&action=history";
        }

        /** The link to the portal's own page on the wiki. */
        public String portal() {
            return wiki + "?title=Portal:Current_events";
        }
    }

    /**
     * A link to a page of the site.
     *
     * @param text what it says
     * @param path the page's path, without extension
     */
    public record Link(String text, String path) {}

    /**
     * A related event as a page shows it.
     *
     * @param text its current text
     * @param path its current page's path
     * @param contexts the titles of the shared contexts, sorted
     */
    public record RelatedLink(String text, String path, List<String> contexts) {}

    /**
     * One version's page of an event.
     *
     * @param event the event, every version
     * @param index which version (0-based)
     * @param versionPaths the path of each version's page, oldest first
     * @param related related events, best first
     * @param firstSource what enrichment knows of the current version's first source, or null
     * @param topics the topic page of each of the event's contexts, by context key (may lack some)
     */
    public record EventPage(
            Event event,
            int index,
            List<String> versionPaths,
            List<RelatedLink> related,
            SourceMeta firstSource,
            Map<String, String> topics) {}

    /**
     * A day's page.
     *
     * @param day the day
     * @param previous the previous day with current events, or null
     * @param next the next day with current events, or null
     * @param events the day's events, current first, in page order
     * @param currentPaths the path of each event's current version, by event id
     */
    public record DayPage(
            LocalDate day, LocalDate previous, LocalDate next, List<Event> events, Map<String, String> currentPaths) {
        /** The path of event {@code id}'s current page. */
        public String current(String id) {
            return currentPaths.get(id);
        }
    }

    /**
     * A day as a month or the home page lists it.
     *
     * @param day the day
     * @param events how many current events it has
     * @param removed how many events were removed from it
     */
    public record DayCount(LocalDate day, int events, int removed) {}

    /**
     * A month's calendar.
     *
     * @param month the month
     * @param days the days that have events, ascending
     * @param previous the previous month with events, or null
     * @param next the next month with events, or null
     */
    public record MonthPage(YearMonth month, List<DayCount> days, YearMonth previous, YearMonth next) {}

    /**
     * A year's page: its months with their counts of events.
     *
     * @param year the year
     * @param months count of events per month that has any, ascending
     * @param previous the previous year with events, or 0
     * @param next the next year with events, or 0
     */
    public record YearPage(int year, Map<YearMonth, Integer> months, int previous, int next) {}

    /**
     * An event as a list (home, topic, feed) shows it.
     *
     * @param id its id
     * @param day its day
     * @param text its current text
     * @param path its current page's path
     * @param updated its current version's revision time
     * @param removed true when it is no longer on its day page
     */
    public record EventItem(String id, LocalDate day, String text, String path, Instant updated, boolean removed) {}

    /**
     * The home page.
     *
     * @param days the latest days, newest first, each with its current events in page order
     * @param years every year with events, newest first
     */
    public record HomePage(List<DayEvents> days, List<Integer> years) {}

    /**
     * A day with the events a list shows for it.
     *
     * @param day the day
     * @param events its current events, in page order
     */
    public record DayEvents(LocalDate day, List<EventItem> events) {}

    /**
     * A topic as the A–Z index lists it.
     *
     * @param key the context key
     * @param title its title
     * @param path its topic page
     * @param events how many events it has
     */
    public record TopicEntry(String key, String title, String path, int events) {}

    /**
     * Every topic, A–Z.
     *
     * @param topics the topics
     */
    public record TopicIndex(List<TopicEntry> topics) {}

    /**
     * One page of a topic: its events newest first, grouped by month.
     *
     * @param topic the topic
     * @param page this page's number, from 1
     * @param pages how many pages the topic has
     * @param pagePaths the path of each of its pages, page 1 first
     * @param feed the topic's feed path (with its extension: feeds are one format)
     * @param months this page's events by month, newest month first
     * @param timeline the count of events of every month of the topic, ascending
     * @param coOccurring the topics that occur most with this one
     */
    public record TopicPage(
            TopicEntry topic,
            int page,
            int pages,
            List<String> pagePaths,
            String feed,
            List<MonthEvents> months,
            Map<YearMonth, Integer> timeline,
            List<TopicEntry> coOccurring) {}

    /**
     * A month's events on a list.
     *
     * @param month the month
     * @param events its events, newest first
     */
    public record MonthEvents(YearMonth month, List<EventItem> events) {}

    /**
     * An Atom feed.
     *
     * @param id its {@code tag:} id, the same in every build
     * @param title its title
     * @param path its own path, with extension
     * @param alternate the HTML page it accompanies, without extension
     * @param entries its entries, newest first
     */
    public record Feed(String id, String title, String path, String alternate, List<EventItem> entries) {}
}
