package org.currents.publish;

import java.time.LocalDate;

/**
 * Where pages live in the archive (SPEC.md, Paths): {@code news/YYYY/MM/D/...}. Paths are
 * without an extension; a {@link Renderer} adds its own.
 */
public final class Paths {
    private Paths() {}

    /** {@code news/2017/07/9}: month zero-padded, day not. */
    public static String dayDir(LocalDate day) {
        return String.format("news/%d/%02d/%d", day.getYear(), day.getMonthValue(), day.getDayOfMonth());
    }

    /** The day page, {@code news/2017/07/9/index}. */
    public static String dayPage(LocalDate day) {
        return dayDir(day) + "/index";
    }

    /** A month's calendar, {@code news/2017/07/index}. */
    public static String monthPage(java.time.YearMonth month) {
        return String.format("news/%d/%02d/index", month.getYear(), month.getMonthValue());
    }

    /** A year's page, {@code news/2017/index}. */
    public static String yearPage(int year) {
        return "news/" + year + "/index";
    }

    /** The wiki title of a day's portal page: {@code Portal:Current events/2017 July 9}. */
    public static String portalTitle(LocalDate day) {
        return "Portal:Current events/" + day.getYear() + " "
                + day.getMonth().getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.ENGLISH) + " "
                + day.getDayOfMonth();
    }

    /** The label a day is shown by: {@code 2017-07-9}. */
    public static String dayLabel(LocalDate day) {
        return String.format("%d-%02d-%d", day.getYear(), day.getMonthValue(), day.getDayOfMonth());
    }
}
