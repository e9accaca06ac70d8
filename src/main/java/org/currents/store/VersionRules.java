package org.currents.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.currents.model.EventVersion;
import org.currents.model.Problem;
import org.currents.model.Source;

/**
 * What the archive's rules say of stored rows, decided here once for every store rather than in
 * each dialect's SQL: which versions count, how repeated versions merge into one, how many
 * problems a revision keeps. Stores read the rows as they are and ask these rules.
 */
public final class VersionRules {
    /** Problems kept per revision; the others are only counted (its problem count). */
    public static final int PROBLEMS_PER_REVISION = 20;

    private VersionRules() {}

    /**
     * Whether a stored version counts: its revision is on the page's real history (not reverted
     * as vandalism or a mistake) and no later edit undid it. Versions that do not count are kept
     * (a rebuild may judge again) but are no part of the event's history.
     */
    public static boolean counts(boolean revisionReverted, long undoneBy) {
        return !revisionReverted && undoneBy == 0;
    }

    /**
     * {@link #counts} as a portable SQL condition over a revisions row {@code r} and a versions row
     * {@code v} (columns {@code reverted} and {@code undone_by}, 0 or 1 and 0 or an id), for the
     * counts of many rows that a store should not read one by one.
     */
    public static String countsSql(String r, String v) {
        return r + ".reverted = 0 AND " + v + ".undone_by = 0";
    }

    /** The problems of one revision that are kept: the first {@link #PROBLEMS_PER_REVISION}. */
    public static List<Problem> keptProblems(List<Problem> problems) {
        return problems.size() <= PROBLEMS_PER_REVISION ? problems : problems.subList(0, PROBLEMS_PER_REVISION);
    }

    /**
     * An event's history from its stored versions, handed over in revision order (timestamp,
     * then id): those that {@link #counts count}, each numbered from 1, a version whose text and
     * sources equal the one before it merged into that one (an edit elsewhere on the page
     * observes the event again unchanged).
     */
    public static final class History {
        private final List<EventVersion> versions = new ArrayList<>();

        /** Offers one stored version, in revision order. */
        public void offer(
                boolean revisionReverted,
                long undoneBy,
                long revisionId,
                Instant timestamp,
                String editor,
                String comment,
                String text,
                List<Source> sources) {
            if (!counts(revisionReverted, undoneBy)) {
                return;
            }
            if (!versions.isEmpty()) {
                EventVersion last = versions.get(versions.size() - 1);
                if (last.text().equals(text) && last.sources().equals(sources)) {
                    return;
                }
            }
            versions.add(new EventVersion(versions.size() + 1, revisionId, timestamp, editor, comment, text, sources));
        }

        /**
         * The versions that count; empty when none does (every version reverted or undone): such
         * an event is no part of the archive.
         */
        public List<EventVersion> versions() {
            return List.copyOf(versions);
        }
    }
}
