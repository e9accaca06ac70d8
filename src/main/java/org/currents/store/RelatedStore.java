package org.currents.store;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The part of the archive that keeps the related-events index: each event's Related list and what
 * it was ranked by. Written by the update path only ({@code relate.ContextIndexer}, inside the
 * transaction that indexes contexts); read by builds. Plain SQL tables ({@code related_members},
 * {@code related}).
 */
public interface RelatedStore {

    /**
     * What an event's rank among related events is made of, as of the last index update.
     *
     * @param id event id
     * @param day its day (newest first)
     * @param position its position on the day page
     * @param eligible whether it may be listed as a related event (current and sourced)
     */
    record Member(String id, LocalDate day, int position, boolean eligible) {}

    /**
     * One entry of a Related list.
     *
     * @param id the related event
     * @param shared how many contexts the two share
     */
    record Listed(String id, int shared) {}

    /** The members as the archive's events are now (day, position, status, sources) for {@code ids}. */
    Map<String, Member> currentMembers(Collection<String> ids);

    /** The members as the index last ranked them, for those of {@code ids} it holds. */
    Map<String, Member> indexedMembers(Collection<String> ids);

    /** Ids the index holds that are no longer events (merged away or forgotten). */
    List<String> indexedButGone();

    /** Replaces (inserts or updates) members, keeping their lists' change marks. */
    void saveMembers(Collection<Member> members);

    /** Forgets members and their lists. */
    void forgetMembers(Collection<String> ids);

    /** Forgets the whole index (before it is built again from scratch). */
    void clearRelated();

    /** The lists of {@code ids}, best first; an event without a list maps to an empty one. */
    Map<String, List<Listed>> relatedLists(Collection<String> ids);

    /** Every event's list, best first (events without one are absent). */
    Map<String, List<Listed>> allRelatedLists();

    /** Replaces the lists of the given events, marking each as changed at {@code sequence}. */
    void saveRelatedLists(Map<String, List<Listed>> lists, long sequence);

    /**
     * Replaces the whole index: what {@link #clearRelated}, {@link #saveMembers} and {@link
     * #saveRelatedLists} do in turn, in key order and without their per-event deletes and
     * updates (a first import of the full-history input indexed contexts and related events in
     * 6.4-6.8 s instead of 7.1-7.3 s).
     *
     * @param lists a list for every one of {@code members} (empty when it has none), each marked
     *     changed at {@code sequence}
     * @throws IllegalArgumentException when a list belongs to no member
     */
    void replaceRelatedIndex(Collection<Member> members, Map<String, List<Listed>> lists, long sequence);

    /** Events whose list holds one of {@code ids}. */
    Set<String> listing(Collection<String> ids);

    /** For each event with one of the context keys {@code keys}: which of them it has. */
    Map<String, Set<String>> eventsWithContexts(Collection<String> keys);

    /**
     * Event {@code id}'s list computed exactly from the stored contexts and members: ranked by
     * shared contexts (most first), then newest day, then position, then id; at most {@code
     * limit}, only eligible events, never itself.
     */
    List<Listed> rankRelated(String id, int limit);

    /** Events whose list changed after change sequence {@code sequence}. */
    Set<String> relatedListsChangedSince(long sequence);
}
