package org.currents.store;

import java.util.List;
import java.util.Map;
import org.currents.model.ParsedEvent;
import org.currents.model.Problem;
import org.currents.model.Revision;

/**
 * Everything one import of one day page writes, committed as one transaction.
 *
 * @param pageId the store's page id
 * @param revisions the new revisions
 * @param bullets bullet contents by key (the store keeps each key once)
 * @param observations observations of the new revisions
 * @param revertedFlags revisions whose {@code reverted} flag changed, with the new value
 * @param versions version rows to add
 * @param undone version rows taken back by an undo: {@code undoneBy} set
 * @param events derived event rows to write (insert or replace)
 * @param deletedEvents events whose every version was reverted: their derived rows go (their
 *     observations and versions stay, should a later revision revive them)
 */
public record PageUpdate(
        long pageId,
        List<NewRevision> revisions,
        Map<String, ParsedEvent> bullets,
        List<Observation> observations,
        Map<Long, Boolean> revertedFlags,
        List<StoredVersion> versions,
        List<StoredVersion> undone,
        List<EventRow> events,
        List<String> deletedEvents) {

    /**
     * A new revision with what the parser made of it.
     *
     * @param revision the revision; its text is stored only when {@code keepText}
     * @param eventCount events read off it
     * @param problems problems recorded (the store keeps a bounded number)
     * @param problemCount how many problems the parser found: at least {@code problems.size()},
     *     more when the parser kept only the first ones
     * @param baseId its predecessor in the edit tree
     * @param reverted true when it is not on the live path
     * @param keepText true to store the full wikitext
     */
    public record NewRevision(
            Revision revision,
            int eventCount,
            List<Problem> problems,
            int problemCount,
            long baseId,
            boolean reverted,
            boolean keepText) {
        public NewRevision {
            if (problemCount < problems.size()) {
                throw new IllegalArgumentException(
                        "problemCount must be >= problems.size() (" + problems.size() + "): " + problemCount);
            }
        }

        /** A revision whose every problem is in {@code problems}. */
        public NewRevision(
                Revision revision,
                int eventCount,
                List<Problem> problems,
                long baseId,
                boolean reverted,
                boolean keepText) {
            this(revision, eventCount, problems, problems.size(), baseId, reverted, keepText);
        }
    }
}
