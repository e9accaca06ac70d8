package org.currents.history;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.currents.model.EventStatus;
import org.currents.model.ParsedEvent;
import org.currents.model.Problem;
import org.currents.model.Revision;
import org.currents.store.BulletKeys;
import org.currents.store.EventRow;
import org.currents.store.Observation;
import org.currents.store.PageState;
import org.currents.store.PageUpdate;
import org.currents.store.StoredRevision;
import org.currents.store.StoredVersion;

/**
 * Follows the events of one day page through its revisions, continuing from what the store
 * holds.
 *
 * <p>The page's revisions form a tree: each revision's <em>base</em> is the newest revision
 * before it, except for a revert (its SHA-1 equals an earlier revision's), whose base is the
 * revision it restores. The page's history is the path from the newest revision back to the
 * first; revisions off that path are <em>reverted</em> and count for nothing, so vandalism and
 * its undo leave no trace, and a revert of a revert brings the reverted edit back. Each
 * revision's events are matched against its base's ({@link EventMatcher}); an event gets a new
 * version when its text or sources differ from its latest live version.
 */
final class VersionTracker {
    /** Live revisions looked back through for events that were recently removed and come back. */
    static final int REVIVE_WINDOW = 10;

    // "Undid revision 123456 by ..." (Special:Undo's default summary)
    private static final Pattern UNDID = Pattern.compile("(?i)\\bundid revision (\\d+)");

    private final PageState state;
    private final Map<Long, Rev> revs = new LinkedHashMap<>();
    /** The newest placed revision with each SHA-1, for finding what a revert restores. */
    private final Map<String, Rev> bySha1 = new HashMap<>();

    private final Map<String, ParsedEvent> bullets;
    private final Map<String, List<Ver>> versions = new HashMap<>();
    private final Map<String, ParsedEvent> newBullets = new HashMap<>();
    private final List<StoredVersion> newVersions = new ArrayList<>();
    private final List<StoredVersion> undone = new ArrayList<>();
    private final List<Observation> newObservations = new ArrayList<>();
    private final Map<Long, Boolean> flagChanges = new HashMap<>();
    private final List<PageUpdate.NewRevision> newRevisions = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private Rev head;
    private int createdEvents;
    private int addedVersions;

    /** A revision in the tree. */
    private static final class Rev {
        final long id;
        final Instant timestamp;
        final String sha1;
        final long baseId;
        final int depth;
        boolean reverted;
        final boolean stored;
        List<Observation> observations = new ArrayList<>();

        Rev(long id, Instant timestamp, String sha1, long baseId, int depth, boolean reverted, boolean stored) {
            this.id = id;
            this.timestamp = timestamp;
            this.sha1 = sha1;
            this.baseId = baseId;
            this.depth = depth;
            this.reverted = reverted;
            this.stored = stored;
        }
    }

    /** A version row in memory. */
    private static final class Ver {
        final long revisionId;
        final String bulletKey;
        long undoneBy;

        Ver(long revisionId, String bulletKey, long undoneBy) {
            this.revisionId = revisionId;
            this.bulletKey = bulletKey;
            this.undoneBy = undoneBy;
        }
    }

    VersionTracker(PageState state) {
        this.state = Objects.requireNonNull(state, "state");
        this.bullets = new HashMap<>(state.bullets());
        for (StoredRevision r : state.revisions()) {
            Rev base = revs.get(r.baseId());
            // the root of the tree is never reverted: a reverted revision without a base is one
            // that arrived late and was left out of the history (depth -1, never a revert target)
            boolean late = r.baseId() == 0 && r.reverted();
            Rev rev = new Rev(
                    r.id(),
                    r.timestamp(),
                    r.sha1(),
                    r.baseId(),
                    late ? -1 : base == null ? 0 : base.depth + 1,
                    r.reverted(),
                    true);
            revs.put(r.id(), rev);
            if (!r.sha1().isEmpty() && rev.depth >= 0) {
                bySha1.put(r.sha1(), rev);
            }
            head = rev;
        }
        for (Observation o : state.observations()) {
            Rev r = revs.get(o.revisionId());
            if (r != null) {
                r.observations.add(o);
            }
        }
        for (StoredVersion v : state.versions()) {
            versions.computeIfAbsent(v.eventId(), k -> new ArrayList<>())
                    .add(new Ver(v.revisionId(), v.bulletKey(), v.undoneBy()));
        }
        for (List<Ver> list : versions.values()) {
            list.sort((a, b) -> compareTime(a.revisionId, b.revisionId));
        }
    }

    private int compareTime(long a, long b) {
        Rev ra = revs.get(a);
        Rev rb = revs.get(b);
        if (ra != null && rb != null) {
            int c = ra.timestamp.compareTo(rb.timestamp);
            if (c != 0) {
                return c;
            }
        }
        return Long.compare(a, b);
    }

    /** Notes for the user about this page (revisions that could not be placed in time, ...). */
    List<String> notes() {
        return notes;
    }

    /**
     * Events the archive holds after {@link #update} that it did not hold before: as {@code
     * stats} counts them, so an event that only vandalism created (and its revert removed) is
     * none (issue 12: summaries counted them).
     */
    int createdEvents() {
        return createdEvents;
    }

    /**
     * Live versions after {@link #update} less those before: versions of reverted revisions and
     * undone versions do not count, as in {@code stats}; negative when a revert took back
     * versions an earlier import had counted.
     */
    int addedVersions() {
        return addedVersions;
    }

    /**
     * Adds one new revision, newer than every revision seen so far, with its parsed events.
     *
     * @param revision the revision (text no longer needed)
     * @param events its events as parsed
     * @param problems the parser's problems (the first ones)
     * @param problemCount how many problems the parser met in all
     * @param keepText whether the store keeps its wikitext
     */
    void add(Revision revision, List<ParsedEvent> events, List<Problem> problems, int problemCount, boolean keepText) {
        add(revision, events, null, problems, problemCount, keepText);
    }

    /**
     * As {@link #add(Revision, List, List, int, boolean)}, with each event's {@link BulletKeys}
     * key already computed ({@code keys[i]} for {@code events.get(i)}; null to compute them here):
     * the two-thread import computes them on the reading thread.
     */
    void add(
            Revision revision,
            List<ParsedEvent> events,
            String[] keys,
            List<Problem> problems,
            int problemCount,
            boolean keepText) {
        if (keys != null && keys.length != events.size()) {
            throw new IllegalArgumentException(keys.length + " keys for " + events.size() + " events");
        }
        if (head != null && revision.timestamp().isBefore(head.timestamp)) {
            // A revision older than the page's newest one arrived in a later import: keep it,
            // but do not rewrite a history built without it; `currents rebuild` places it.
            Rev late = new Rev(revision.id(), revision.timestamp(), revision.sha1(), 0, -1, true, false);
            revs.put(late.id, late);
            for (int i = 0; i < events.size(); i++) {
                ParsedEvent e = events.get(i);
                // kept for `rebuild`, unassigned: no event is identified in a late revision
                String key = keys != null ? keys[i] : BulletKeys.of(e);
                if (!bullets.containsKey(key)) {
                    bullets.put(key, e);
                    newBullets.put(key, e);
                }
                newObservations.add(new Observation(late.id, e.position(), key, ""));
            }
            newRevisions.add(
                    new PageUpdate.NewRevision(revision, events.size(), problems, problemCount, 0, true, keepText));
            notes.add("revision " + revision.id() + " (" + revision.timestamp() + ") is older than revision " + head.id
                    + " already tracked: stored, but histories ignore it until `currents rebuild`");
            return;
        }
        Rev base = base(revision);
        Rev rev = new Rev(
                revision.id(),
                revision.timestamp(),
                revision.sha1(),
                base == null ? 0 : base.id,
                base == null ? 0 : base.depth + 1,
                false,
                false);
        movePath(base, rev);
        revs.put(rev.id, rev);
        if (!rev.sha1.isEmpty()) {
            bySha1.put(rev.sha1, rev);
        }
        if (revision.textHidden()) {
            // hidden text: nothing is known of this revision's content, so nothing changes
            for (Observation o : base == null ? List.<Observation>of() : base.observations) {
                rev.observations.add(new Observation(rev.id, o.position(), o.bulletKey(), o.eventId()));
            }
        } else {
            track(rev, base, revision, events, keys);
        }
        newObservations.addAll(rev.observations);
        newRevisions.add(new PageUpdate.NewRevision(
                revision, events.size(), problems, problemCount, rev.baseId, false, keepText));
        head = rev;
    }

    /** The revision {@code r} builds on: the one it restores when it is a revert, else the head. */
    private Rev base(Revision r) {
        if (head == null) {
            return null;
        }
        if (!r.sha1().isEmpty() && !r.sha1().equals(head.sha1)) {
            Rev earlier = bySha1.get(r.sha1());
            if (earlier != null) {
                return earlier;
            }
        }
        return head;
    }

    /** Makes the live path end at {@code base} then {@code rev}, flipping reverted flags. */
    private void movePath(Rev base, Rev rev) {
        if (head == null || base == head) {
            return;
        }
        // walk both ends up to their common ancestor: revisions left behind are reverted,
        // revisions on the way to base are live again
        Rev a = head;
        Rev b = base;
        List<Rev> leaving = new ArrayList<>();
        List<Rev> entering = new ArrayList<>();
        while (a != b) {
            if (a != null && (b == null || a.depth >= b.depth)) {
                leaving.add(a);
                a = revs.get(a.baseId);
            } else {
                entering.add(b);
                b = revs.get(b.baseId);
            }
        }
        for (Rev r : leaving) {
            flag(r, true);
        }
        for (Rev r : entering) {
            flag(r, false);
        }
    }

    private void flag(Rev r, boolean reverted) {
        if (r.reverted != reverted) {
            r.reverted = reverted;
            if (r.stored) {
                flagChanges.put(r.id, reverted);
            } else {
                for (int k = 0; k < newRevisions.size(); k++) {
                    PageUpdate.NewRevision n = newRevisions.get(k);
                    if (n.revision().id() == r.id) {
                        newRevisions.set(
                                k,
                                new PageUpdate.NewRevision(
                                        n.revision(),
                                        n.eventCount(),
                                        n.problems(),
                                        n.baseId(),
                                        reverted,
                                        n.keepText()));
                    }
                }
            }
        }
    }

    private void track(Rev rev, Rev base, Revision revision, List<ParsedEvent> events, String[] keys) {
        List<EventMatcher.Candidate> candidates = candidates(base);
        String[] ids = EventMatcher.match(candidates, events);
        long undid = undid(revision.comment());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < events.size(); i++) {
            ParsedEvent e = events.get(i);
            String key = keys != null ? keys[i] : BulletKeys.of(e);
            if (!bullets.containsKey(key)) {
                bullets.put(key, e);
                newBullets.put(key, e);
            }
            String id = ids[i];
            if (id == null || !seen.add(id)) {
                id = EventIds.of(state.page().title(), rev.id, e.position());
                seen.add(id);
            }
            rev.observations.add(new Observation(rev.id, e.position(), key, id));
            version(id, rev.id, key, undid);
        }
    }

    /** The base's events, then events removed within the last few live revisions (they may return). */
    private List<EventMatcher.Candidate> candidates(Rev base) {
        List<EventMatcher.Candidate> out = new ArrayList<>();
        if (base == null) {
            return out;
        }
        Set<String> ids = new HashSet<>();
        for (Observation o : base.observations) {
            if (ids.add(o.eventId())) {
                out.add(new EventMatcher.Candidate(o.eventId(), bullets.get(o.bulletKey())));
            }
        }
        Rev r = revs.get(base.baseId);
        for (int k = 0; k < REVIVE_WINDOW && r != null; k++, r = revs.get(r.baseId)) {
            for (Observation o : r.observations) {
                if (ids.add(o.eventId()) && !state.movedAway().contains(o.eventId())) {
                    out.add(new EventMatcher.Candidate(o.eventId(), bullets.get(o.bulletKey())));
                }
            }
        }
        return out;
    }

    private static long undid(String comment) {
        Matcher m = UNDID.matcher(comment);
        if (m.find()) {
            try {
                return Long.parseLong(m.group(1));
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return 0;
    }

    private void version(String eventId, long revId, String key, long undid) {
        List<Ver> list = versions.computeIfAbsent(eventId, k -> new ArrayList<>());
        Ver latest = latestLive(list, -1);
        if (latest != null && sameContent(latest.bulletKey, key)) {
            return;
        }
        if (latest != null && undid != 0 && latest.revisionId == undid) {
            // "Undid revision N": N's wording goes, and with it back to the wording before N
            Ver before = latestLive(list, list.indexOf(latest));
            if (before != null && sameContent(before.bulletKey, key)) {
                latest.undoneBy = revId;
                undone.add(new StoredVersion(eventId, latest.revisionId, latest.bulletKey, revId));
                return;
            }
        }
        list.add(new Ver(revId, key, 0));
        newVersions.add(new StoredVersion(eventId, revId, key, 0));
    }

    /** The newest live version before index {@code before} (-1: of all). */
    private Ver latestLive(List<Ver> list, int before) {
        int from = before < 0 ? list.size() - 1 : before - 1;
        for (int k = from; k >= 0; k--) {
            Ver v = list.get(k);
            Rev r = revs.get(v.revisionId);
            boolean live = r == null || !r.reverted; // versions of other pages' revisions stay live
            if (live && v.undoneBy == 0) {
                return v;
            }
        }
        return null;
    }

    /** Versions change when the text or the sources change, not the links or the category. */
    private boolean sameContent(String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        ParsedEvent x = bullets.get(a);
        ParsedEvent y = bullets.get(b);
        return x != null
                && y != null
                && x.text().equals(y.text())
                && x.sources().equals(y.sources());
    }

    /** What to commit: the new revisions and everything they changed, with re-derived event rows. */
    PageUpdate update() {
        List<Rev> path = livePath();
        Map<String, Derived> derived = derive(path);
        List<EventRow> rows = new ArrayList<>();
        List<String> deleted = new ArrayList<>();
        Map<String, ParsedEvent> carried = new HashMap<>(newBullets);
        for (Map.Entry<String, Derived> e : derived.entrySet()) {
            String id = e.getKey();
            if (state.movedAway().contains(id)) {
                continue;
            }
            Derived d = e.getValue();
            List<Ver> vs = versions.getOrDefault(id, List.of());
            Ver first = null;
            for (Ver v : vs) {
                Rev r = revs.get(v.revisionId);
                if ((r == null || !r.reverted) && v.undoneBy == 0) {
                    first = v;
                    break;
                }
            }
            if (first == null || d.last == null) {
                if (state.events().containsKey(id)) {
                    deleted.add(id);
                }
                continue;
            }
            EventRow row = new EventRow(
                    id,
                    state.pageId(),
                    state.page().day(),
                    first.revisionId,
                    d.last.bulletKey(),
                    d.last.position(),
                    d.inHead ? EventStatus.CURRENT : EventStatus.REMOVED,
                    d.inHead ? 0 : d.removedBy.id,
                    d.inHead ? null : d.removedBy.timestamp);
            if (!row.equals(state.events().get(id))) {
                rows.add(row);
                carried.put(row.bulletKey(), bullets.get(row.bulletKey()));
            }
        }
        for (String id : state.events().keySet()) {
            if (!derived.containsKey(id) && !deleted.contains(id)) {
                deleted.add(id);
            }
        }
        count(rows);
        return new PageUpdate(
                state.pageId(),
                newRevisions,
                carried,
                newObservations,
                flagChanges,
                newVersions,
                undone,
                rows,
                deleted);
    }

    /** Counts what {@link #update} adds as {@code stats} would: see {@link #createdEvents}. */
    private void count(List<EventRow> rows) {
        createdEvents = (int)
                rows.stream().filter(r -> !state.events().containsKey(r.id())).count();
        Set<Long> revertedBefore = new HashSet<>();
        for (StoredRevision r : state.revisions()) {
            if (r.reverted()) {
                revertedBefore.add(r.id());
            }
        }
        long before = state.versions().stream()
                .filter(v -> v.undoneBy() == 0 && !revertedBefore.contains(v.revisionId()))
                .count();
        long after = 0;
        for (List<Ver> list : versions.values()) {
            for (Ver v : list) {
                Rev r = revs.get(v.revisionId);
                if ((r == null || !r.reverted) && v.undoneBy == 0) {
                    after++;
                }
            }
        }
        addedVersions = (int) (after - before);
    }

    private List<Rev> livePath() {
        List<Rev> path = new ArrayList<>();
        for (Rev r = head; r != null; r = revs.get(r.baseId)) {
            path.add(r);
            if (r.baseId == 0) {
                break;
            }
        }
        java.util.Collections.reverse(path);
        return path;
    }

    /** Where each event of the live path was last seen, and whether the head still has it. */
    private static final class Derived {
        Observation last;
        Rev lastRev;
        Rev removedBy;
        boolean inHead;
    }

    private Map<String, Derived> derive(List<Rev> path) {
        Map<String, Derived> out = new LinkedHashMap<>();
        for (int k = 0; k < path.size(); k++) {
            Rev r = path.get(k);
            for (Observation o : r.observations) {
                Derived d = out.computeIfAbsent(o.eventId(), x -> new Derived());
                d.last = o;
                d.lastRev = r;
            }
        }
        Map<Long, Integer> index = new HashMap<>();
        for (int k = 0; k < path.size(); k++) {
            index.put(path.get(k).id, k);
        }
        for (Derived d : out.values()) {
            int k = index.get(d.lastRev.id);
            d.inHead = k == path.size() - 1;
            d.removedBy = d.inHead ? null : path.get(k + 1);
        }
        // events seen only in reverted revisions: derived without a place on the path
        for (Rev r : revs.values()) {
            if (r.reverted) {
                for (Observation o : r.observations) {
                    out.putIfAbsent(o.eventId(), new Derived());
                }
            }
        }
        return out;
    }
}
