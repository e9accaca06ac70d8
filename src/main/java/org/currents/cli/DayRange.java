package org.currents.cli;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.Option;

/**
 * The days a sync covers: {@code --from/--to}, or the last {@code --days} ending today (UTC),
 * 14 by default since editors keep changing recent days for about two weeks.
 */
final class DayRange {
    static final int DEFAULT_DAYS = 14;
    /** The most days one sync covers: a century, back to before the first day page. */
    static final String MAX_DAYS = "36500";

    @Option(
            names = "--from",
            paramLabel = "YYYY-MM-DD",
            description = "First day to sync (with --to, at most " + MAX_DAYS + " days).")
    String from;

    @Option(names = "--to", paramLabel = "YYYY-MM-DD", description = "Last day to sync (default: today, UTC).")
    String to;

    @Option(
            names = "--days",
            paramLabel = "N",
            description = "Sync the last N days, today (UTC) included (1.." + MAX_DAYS + "; default: " + DEFAULT_DAYS
                    + " when --from is not given).")
    @Range(min = "1", max = MAX_DAYS)
    Integer days;

    /** The first and last day; throws {@link UsageException} for bad or conflicting values. */
    LocalDate[] resolve(Clock clock) {
        LocalDate today = LocalDate.now(clock);
        if (days != null && (from != null || to != null)) {
            throw new UsageException("give either --from/--to or --days, not both");
        }
        if (from == null && to != null) {
            throw new UsageException("--to needs --from");
        }
        if (from != null) {
            LocalDate first = day(from, "--from");
            LocalDate last = to == null ? today : day(to, "--to");
            if (last.isBefore(first)) {
                throw new UsageException("--to " + last + " is before --from " + first);
            }
            long span = java.time.temporal.ChronoUnit.DAYS.between(first, last) + 1;
            if (span > Long.parseLong(MAX_DAYS)) {
                // the same bound as --days: a range is as many requests and as much memory
                throw new UsageException(
                        "--from " + first + " --to " + last + " covers " + span + " days, more than " + MAX_DAYS);
            }
            return new LocalDate[] {first, last};
        }
        int n = days == null ? DEFAULT_DAYS : days;
        return new LocalDate[] {today.minusDays(n - 1L), today};
    }

    private static LocalDate day(String value, String flag) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new UsageException(flag + " must be a date YYYY-MM-DD: " + value);
        }
    }
}
