package org.currents.history;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.currents.model.ParsedEvent;
import org.currents.model.Revision;
import org.currents.store.ArchiveStore;
import org.currents.store.Observation;
import org.currents.store.PageState;
import org.currents.store.StoredPage;
import org.currents.store.StoredRevision;

/**
 * Follows every page's events again from scratch, from what the store observed in each
 * revision (no wikitext needed): after a change to the tracker's rules, or to place revisions
 * that arrived out of order in later imports.
 */
public final class Rebuilder {
    private Rebuilder() {}

    /** Ends a rebuild whose stop was requested; thrown between pages. */
    public static final class Stopped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /** A stop between the rebuild's steps. */
        public Stopped() {
            super("rebuild interrupted", null, false, false);
        }
    }

    /** Rebuilds all histories, without a way to stop. */
    public static ImportSummary rebuild(ArchiveStore store, Consumer<String> progress) {
        return rebuild(store, progress, () -> false);
    }

    /**
     * Rebuilds all histories.
     *
     * <p>Run it inside {@link ArchiveStore#atomically} to keep readers from seeing the archive
     * between "every history forgotten" and "every page followed again", and to leave the
     * histories as they were when it stops.
     *
     * @param progress receives one line per page
     * @param stopRequested asked before each page
     * @return the summary (pages, revisions, events and versions as rebuilt)
     * @throws Stopped when {@code stopRequested} said so
     */
    public static ImportSummary rebuild(
            ArchiveStore store, Consumer<String> progress, java.util.function.BooleanSupplier stopRequested) {
        store.resetHistories();
        List<StoredPage> pages = store.pages();
        long revisions = 0;
        long events = 0;
        long versions = 0;
        int done = 0;
        for (StoredPage page : pages) {
            if (stopRequested.getAsBoolean()) {
                throw new Stopped();
            }
            PageState old = store.pageState(page.id());
            Map<Long, List<Observation>> byRevision = new HashMap<>();
            for (Observation o : old.observations()) {
                byRevision
                        .computeIfAbsent(o.revisionId(), k -> new ArrayList<>())
                        .add(o);
            }
            PageState fresh = new PageState(
                    page.id(), old.page(), List.of(), List.of(), old.bullets(), List.of(), Map.of(), Set.of());
            VersionTracker tracker = new VersionTracker(fresh);
            List<StoredRevision> ordered = new ArrayList<>(old.revisions());
            ordered.sort(Comparator.comparing(StoredRevision::timestamp).thenComparingLong(StoredRevision::id));
            for (StoredRevision r : ordered) {
                List<ParsedEvent> parsed = new ArrayList<>();
                List<Observation> obs = new ArrayList<>(byRevision.getOrDefault(r.id(), List.of()));
                obs.sort(Comparator.comparingInt(Observation::position));
                for (Observation o : obs) {
                    ParsedEvent b = old.bullets().get(o.bulletKey());
                    parsed.add(new ParsedEvent(
                            b.category(),
                            b.stories(),
                            b.text(),
                            b.links(),
                            b.sources(),
                            o.position(),
                            0,
                            b.unsourced()));
                }
                Revision rev = new Revision(
                        r.id(),
                        r.parentId(),
                        r.timestamp(),
                        r.contributor(),
                        r.comment(),
                        r.sha1(),
                        "",
                        r.textHidden());
                tracker.add(rev, parsed, List.of(), 0, false);
            }
            store.commit(tracker.update());
            revisions += ordered.size();
            events += tracker.createdEvents();
            versions += tracker.addedVersions();
            progress.accept("rebuild: " + (++done) + " of " + pages.size() + " pages");
        }
        if (stopRequested.getAsBoolean()) {
            throw new Stopped();
        }
        long seq = store.changeSequence();
        long moved = new MoveDetector(store).detect(0);
        store.setMark(Importer.MOVES_MARK, seq);
        return new ImportSummary(
                pages.size(), revisions, 0, 0, 0, 0, events, versions, moved, 0, 0, List.of(), null); // no titles read
    }
}
