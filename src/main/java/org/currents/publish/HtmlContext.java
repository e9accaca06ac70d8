package org.currents.publish;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.currents.model.Event;
import org.currents.model.EventStatus;

/**
 * What the HTML templates ask of Java: links with the {@code .html} extension, dates as the
 * site shows them, safe URLs ({@link WebLinks}), word diffs, and the shapes of day pages and
 * calendars. Everything the templates print goes through jte's HTML escaping; this class only
 * decides what to print, never how to escape it.
 */
public final class HtmlContext {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.ENGLISH);

    private final Views.Site site;

    HtmlContext(Views.Site site) {
        this.site = site;
    }

    /** The site's facts. */
    public Views.Site site() {
        return site;
    }

    /** The link to page {@code path} (no extension): {@code /news/2017/07/9/index.html}. */
    public String link(String path) {
        return "/" + path + ".html";
    }

    /** The link to a day's page. */
    public String day(LocalDate day) {
        return link(Paths.dayPage(day));
    }

    /** The link to a month's calendar. */
    public String month(YearMonth month) {
        return link(Paths.monthPage(month));
    }

    /** The link to a year's page. */
    public String year(int year) {
        return link(Paths.yearPage(year));
    }

    /** A day as the site shows it: {@code Sunday 9 July 2017}. */
    public String dayLabel(LocalDate day) {
        return DAY.format(day);
    }

    /** A month as the site shows it: {@code July 2017}. */
    public String monthLabel(YearMonth month) {
        return month.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " " + month.getYear();
    }

    /** A time as the site shows it: {@code 2017-07-09 10:00:00 UTC}. */
    public String time(Instant t) {
        return TIME.format(t);
    }

    /** A time as a {@code datetime} attribute holds it (RFC 3339, UTC). */
    public String iso(Instant t) {
        return t.toString();
    }

    /**
     * Images the site itself holds ({@code /assets/sample/cover-1.svg}: the demo sample's covers),
     * which source metadata may name by path; no host, no dots but the extension's.
     */
    private static final java.util.regex.Pattern LOCAL_IMAGE =
            java.util.regex.Pattern.compile("/assets/[a-z0-9-]+(?:/[a-z0-9-]+)*\\.svg");

    /** The source of a cover image: an http(s) URL, or a path of the site's own assets; otherwise null. */
    public String image(String url) {
        return url != null && LOCAL_IMAGE.matcher(url).matches() ? url : WebLinks.safe(url);
    }

    /** An image source as {@link #image} gives it, absolute (for Open Graph). */
    public String absoluteImage(String src) {
        return src != null && src.startsWith("/") ? site().absolute(src) : src;
    }

    /** {@code url} when it may be a link or an image source (http or https); otherwise null. */
    public String safe(String url) {
        return WebLinks.safe(url);
    }

    /** The domain of an http(s) URL, without {@code www.}; null otherwise. */
    public String domain(String url) {
        return WebLinks.domain(url);
    }

    /** The word diff of version {@code k} of {@code e} against version {@code k - 1}; empty for the first. */
    public List<WordDiff.Segment> diff(Event e, int k) {
        if (k == 0) {
            return List.of();
        }
        return WordDiff.between(
                e.versions().get(k - 1).text(), e.versions().get(k).text());
    }

    /** True when {@code diff} changes words (not only spacing). */
    public boolean changed(List<WordDiff.Segment> diff) {
        return WordDiff.changed(diff);
    }

    /**
     * A run of a day's current events under one category and one line of stories.
     *
     * @param stories the story titles above them, outermost first (may be empty)
     * @param events the events, in page order
     */
    public record Group(List<String> stories, List<Event> events) {}

    /**
     * A category heading of a day page and its groups.
     *
     * @param category the heading, or empty on pages without headings
     * @param groups its groups, in page order
     */
    public record Section(String category, List<Group> groups) {}

    /** The current events of a day page as sections and groups, in page order. */
    public List<Section> sections(Views.DayPage page) {
        List<Section> out = new ArrayList<>();
        Section section = null;
        Group group = null;
        for (Event e : page.events()) {
            if (e.status() != EventStatus.CURRENT) {
                continue;
            }
            if (section == null || !section.category().equals(e.category())) {
                section = new Section(e.category(), new ArrayList<>());
                out.add(section);
                group = null;
            }
            if (group == null || !group.stories().equals(e.stories())) {
                group = new Group(e.stories(), new ArrayList<>());
                section.groups().add(group);
            }
            group.events().add(e);
        }
        return out;
    }

    /** The events removed from a day page, in page order. */
    public List<Event> removed(Views.DayPage page) {
        return page.events().stream()
                .filter(e -> e.status() != EventStatus.CURRENT)
                .toList();
    }

    /** Story titles joined for a heading: {@code Outer › Inner}. */
    public String storyLine(List<String> stories) {
        return String.join(" › ", stories);
    }

    /** The weeks of a month's calendar, Monday first; days outside the month are null. */
    public List<List<Views.DayCount>> weeks(Views.MonthPage page) {
        Map<LocalDate, Views.DayCount> counts = new java.util.HashMap<>();
        page.days().forEach(d -> counts.put(d.day(), d));
        List<List<Views.DayCount>> weeks = new ArrayList<>();
        LocalDate first = page.month().atDay(1);
        List<Views.DayCount> week = new ArrayList<>();
        for (int k = 1; k < first.getDayOfWeek().getValue(); k++) {
            week.add(null);
        }
        for (LocalDate d = first; !d.isAfter(page.month().atEndOfMonth()); d = d.plusDays(1)) {
            week.add(counts.getOrDefault(d, new Views.DayCount(d, 0, 0)));
            if (d.getDayOfWeek() == DayOfWeek.SUNDAY) {
                weeks.add(week);
                week = new ArrayList<>();
            }
        }
        if (!week.isEmpty()) {
            while (week.size() < 7) {
                week.add(null);
            }
            weeks.add(week);
        }
        return weeks;
    }

    /** The names of the days of the week, Monday first. */
    public List<String> weekdays() {
        List<String> out = new ArrayList<>();
        for (DayOfWeek d : DayOfWeek.values()) {
            out.add(d.getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
        }
        return out;
    }

    /**
     * One bar of a topic's timeline.
     *
     * @param x its left edge
     * @param y its top
     * @param height its height
     * @param label what it counts, for its tooltip
     */
    public record Bar(int x, int y, int height, String label) {}

    /** Width of one bar of a timeline, in SVG units. */
    public static final int BAR = 8;
    /** Height of a timeline, in SVG units. */
    public static final int CHART = 60;

    /** The bars of a timeline: one per month from the first to the last, empty months included. */
    public List<Bar> bars(Map<YearMonth, Integer> timeline) {
        List<Bar> out = new ArrayList<>();
        if (timeline.isEmpty()) {
            return out;
        }
        YearMonth first = null;
        YearMonth last = null;
        int max = 1;
        for (Map.Entry<YearMonth, Integer> e : timeline.entrySet()) {
            first = first == null || e.getKey().isBefore(first) ? e.getKey() : first;
            last = last == null || e.getKey().isAfter(last) ? e.getKey() : last;
            max = Math.max(max, e.getValue());
        }
        int x = 0;
        for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
            int n = timeline.getOrDefault(m, 0);
            int h = n == 0 ? 0 : Math.max(1, n * CHART / max);
            out.add(new Bar(x, CHART - h, h, monthLabel(m) + ": " + n + (n == 1 ? " event" : " events")));
            x += BAR;
        }
        return out;
    }
}
