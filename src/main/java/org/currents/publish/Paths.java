package org.currents.publish;

import java.time.LocalDate;

/** Where pages live in the archive (SPEC.md, Paths): {@code news/YYYY/MM/D/...}. */
public final class Paths {
    private Paths() {}

    /** {@code news/2017/07/9}: month zero-padded, day not. */
    public static String dayDir(LocalDate day) {
        return String.format("news/%d/%02d/%d", day.getYear(), day.getMonthValue(), day.getDayOfMonth());
    }

    /** The day page, {@code news/2017/07/9/index.md}. */
    public static String dayPage(LocalDate day, String extension) {
        return dayDir(day) + "/index." + extension;
    }

    /** The label a day is shown by: {@code 2017-07-9}. */
    public static String dayLabel(LocalDate day) {
        return String.format("%d-%02d-%d", day.getYear(), day.getMonthValue(), day.getDayOfMonth());
    }

    /** An absolute link to a path: {@code /news/...}. */
    public static String link(String path) {
        return "/" + path;
    }
}
