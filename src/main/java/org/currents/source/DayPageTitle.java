package org.currents.source;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.Month;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes the titles of Current events day pages, e.g. {@code Portal:Current
 * events/2017 July 9}. Only that canonical form is a day page: {@code 2017 July 09}, {@code
 * 2017-07-09}, {@code 2017 july 9} or year {@code 0000} name other pages of the wiki (redirects,
 * mistakes, vandalism), and taking them for the day would show its events two or three times
 * (issue 12). They are refused with a {@link #problem} so that an import can count them.
 */
public final class DayPageTitle {
    /** The prefix every day page title starts with. */
    public static final String PREFIX = "Portal:Current events/";

    // "2017 July 9" is the form of every day page; looser spellings are read only to say why
    // they are refused. Underscores stand for spaces in URLs and some exports.
    private static final Pattern NAMED = Pattern.compile("(\\d{4}) ([A-Za-z]+) (\\d{1,2})");
    private static final Pattern ISO = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})");

    private DayPageTitle() {}

    /** The canonical title of the day page for {@code day}. */
    public static String of(LocalDate day) {
        return PREFIX
                + day.getYear()
                + " "
                + day.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH)
                + " "
                + day.getDayOfMonth();
    }

    /**
     * Replaces underscores by spaces and trims, the form the archive stores titles in.
     */
    public static String normalise(String title) {
        return title.replace('_', ' ').trim();
    }

    /**
     * The day a title names, or empty when it is not a Current events day page.
     *
     * @throws IllegalArgumentException never; an impossible date (2017 February 30) gives
     *     empty, see {@link #problem(String)}
     */
    public static Optional<LocalDate> parse(String title) {
        return Optional.ofNullable(read(title).day);
    }

    /**
     * Why a title that looks like a day page cannot be read, or null when it reads fine or
     * is not a day page at all.
     */
    public static String problem(String title) {
        return read(title).problem;
    }

    private record Reading(LocalDate day, String problem) {}

    private static Reading read(String title) {
        if (title == null) {
            return new Reading(null, null);
        }
        String t = normalise(title);
        if (!t.startsWith(PREFIX)) {
            return new Reading(null, null);
        }
        String rest = t.substring(PREFIX.length());
        Matcher m = NAMED.matcher(rest);
        if (m.matches()) {
            Month month = month(m.group(2));
            if (month == null) {
                return new Reading(null, null);
            }
            return date(t, Integer.parseInt(m.group(1)), month.getValue(), Integer.parseInt(m.group(3)));
        }
        m = ISO.matcher(rest);
        if (m.matches()) {
            return date(t, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
        }
        return new Reading(null, null);
    }

    private static Reading date(String title, int y, int m, int d) {
        LocalDate day;
        try {
            day = LocalDate.of(y, m, d);
        } catch (DateTimeException e) {
            return new Reading(
                    null, "impossible date in title " + SourceException.quote(title) + ": " + e.getMessage());
        }
        if (!of(day).equals(title)) {
            return new Reading(
                    null,
                    "not the canonical title of a day page: " + SourceException.quote(title) + " (the day page of "
                            + day + " is \"" + of(day) + "\")");
        }
        return new Reading(day, null);
    }

    private static Month month(String name) {
        for (Month m : Month.values()) {
            if (m.getDisplayName(TextStyle.FULL, Locale.ENGLISH).equalsIgnoreCase(name)) {
                return m;
            }
        }
        return null;
    }
}
