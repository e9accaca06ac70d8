package org.currents.store;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.currents.model.Context;
import org.currents.model.Event;
import org.currents.model.WikiPage;

/**
 * The archive: day pages, their revisions, the events observed in each revision, the events'
 * histories, contexts and source metadata. One interface, several implementations
 * ({@code store.sqlite}, {@code store.postgres}); open one with {@link Stores#open(String)}.
 *
 * <p>Implementations are safe for use by one thread at a time. Every method that writes is
 * atomic: it commits everything or nothing, and waits (saying so through the notices the store was
 * opened with) while another process writes. Failures are {@link StoreException}s naming the
 * operation and key, in the user's words rather than the driver's.
 *
 * <p>Processes that follow histories ({@code import}, {@code sync}, {@code rebuild}) hold {@link
 * #lockForWriting} while they work: they read a page's state and commit what follows from it, so
 * two of them at once would overwrite each other. Other writers ({@code enrich}) need no lock.
 */
public interface ArchiveStore extends SourceStore, RedirectStore, RelatedStore, SiteQueries, AutoCloseable {

    /** What this store is, for messages: the file or the JDBC URL without credentials. */
    String describe();

    /**
     * The shared work of {@code enrich} in this archive, on a connection of its own (SQLite) or
     * the store's pool (PostgreSQL), so that several enrich processes divide the fetching; close
     * it when the run ends, before the store (whose pool it may borrow from).
     *
     * @throws IllegalStateException when the store was opened for reading
     */
    EnrichClaims enrichClaims();

    // ---- writers one at a time

    /** A held {@link #lockForWriting} lock; closing releases it. */
    interface Lock extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Waits until no other process follows histories in this archive (telling the notices once
     * when it has to wait), then keeps the others out until the lock is closed. The lock dies
     * with its process, even one killed by {@code kill -9}.
     *
     * @param holder who holds it, for the message of those who wait: e.g. {@code "currents import"}
     * @throws IllegalStateException when the store was opened for reading
     */
    default Lock lockForWriting(String holder) {
        return lockForWriting(holder, true);
    }

    /**
     * {@link #lockForWriting(String)}, or with {@code wait} false, failing at once with a
     * {@link StoreException} that names the writer holding it ({@code --no-wait}).
     */
    Lock lockForWriting(String holder, boolean wait);

    /**
     * Records that a writer holding the lock begins to change histories: until {@link
     * #writingFinished}, readers are told ({@link #unfinished}) that moves and contexts may lag.
     */
    void writingStarted();

    /**
     * Records that the writer holding the lock finished its work, moves and contexts included;
     * first builds the search rows that {@link #deferSearch} left out (also those an interrupted
     * writer left), in one transaction with clearing the mark.
     */
    void writingFinished();

    /**
     * For a writer holding the lock that is about to write many versions (a large or first
     * import): versions written from now on get their search rows only at {@link
     * #writingFinished}, in one statement rather than one by one. Until then search refuses,
     * saying why; a writer killed meanwhile leaves the mark, and the next one's {@link
     * #writingFinished} builds what is missing.
     */
    void deferSearch();

    /**
     * What an interrupted or failed writer left unfinished, in one sentence for readers to say
     * before they export or build; empty when the archive is complete.
     */
    Optional<String> unfinished();

    /**
     * Runs {@code work} so that every write it makes commits together, or none does: readers see
     * the archive as it was until {@code work} returns. Writes inside join this one transaction.
     *
     * @param what the operation, for the message when the commit fails
     * @return what {@code work} returned
     */
    <T> T atomically(String what, java.util.function.Supplier<T> work);

    /** {@link #atomically(String, java.util.function.Supplier)} for work that returns nothing. */
    default void atomically(String what, Runnable work) {
        atomically(what, () -> {
            work.run();
            return null;
        });
    }

    // ---- pages and revisions

    /**
     * Returns the store's id of {@code page}. A new page is written with its first {@link
     * #commit} (or {@link #markMissing}), in the same transaction: until then only this store
     * object knows the id, so an import that breaks inside a page leaves no trace of it.
     */
    long page(WikiPage page);

    /** The ids of the revisions of page {@code pageId} that the store already holds. */
    Set<Long> revisionIds(long pageId);

    /** Which of {@code ids} the store holds, each with the store's id of its page. */
    Map<Long, Long> knownRevisions(java.util.Collection<Long> ids);

    /** The id of the newest stored revision of page {@code pageId}, or 0 when none. */
    long newestRevisionId(long pageId);

    /** Every stored day page. */
    List<StoredPage> pages();

    /** The full history state of a page, for the version tracker to continue it. */
    PageState pageState(long pageId);

    /** Writes one page's new revisions and their histories, in one transaction. */
    default void commit(PageUpdate update) {
        commit(List.of(update));
    }

    /**
     * Writes several pages' updates in one transaction: all of them or none. Importers group
     * pages so that the store writes its indexes once per group rather than once per page.
     */
    void commit(List<PageUpdate> updates);

    /**
     * Deletes page {@code pageId} if no revision of it is stored (a page whose import broke off
     * before its first commit), so that a failed import leaves the archive as it was.
     */
    void deletePageIfEmpty(long pageId);

    /** Records that a day page does not exist on the wiki (the API said "missing"). */
    void markMissing(WikiPage page);

    /**
     * Forgets every history (versions, events, moves, contexts), keeping pages, revisions and
     * observations, so that histories can be followed again from scratch ({@code rebuild}).
     */
    void resetHistories();

    // ---- histories across pages

    /**
     * Merges event {@code mergedId} into {@code keptId}: one event moved between day pages.
     * Versions, observations and contexts of the merged event move to the kept one; the merged
     * id stays resolvable as an alias; {@code move} is recorded.
     */
    void mergeMovedEvent(String keptId, String mergedId, Move move);

    /** Removed events whose removal happened at or after {@code sinceSequence}. */
    List<EventSketch> removedEvents(long sinceSequence);

    /** Events created at or after {@code sinceSequence}. */
    List<EventSketch> createdEvents(long sinceSequence);

    // ---- contexts

    /** Ids of events whose derived rows changed after change sequence {@code sequence}. */
    List<String> eventsChangedSince(long sequence);

    /**
     * The latest observed content (category, stories, text, links, sources) of each of the
     * given events that exists, by event id.
     */
    Map<String, org.currents.model.ParsedEvent> latestContent(java.util.Collection<String> eventIds);

    /** The current change sequence: grows with every commit that changes events. */
    long changeSequence();

    /** Replaces the contexts of the given events. */
    void replaceContexts(Map<String, List<Context>> contextsByEvent);

    /** Remembers a named position in the change sequence (e.g. what contexts are indexed up to). */
    void setMark(String name, long sequence);

    /** A mark set with {@link #setMark}, or 0. */
    long mark(String name);

    // ---- reading the archive

    /** Days that have at least one event (current or removed), ascending. */
    List<LocalDate> days();

    /** All events on {@code day}, ordered by status (current first) and position. */
    List<Event> events(LocalDate day);

    /** The event with this id or alias. */
    Optional<Event> event(String id);

    /** Hands every event to {@code action}, day by day, in page order. */
    void forEachEvent(Consumer<Event> action);

    /**
     * Every event in brief, for builds that decide what to render: id, day, position, status,
     * current text and contexts; no versions. Ordered by day, then position.
     */
    List<EventSummary> eventSummaries();

    /** Ids of events whose first source's metadata was stored at or after {@code since}. */
    java.util.Set<String> eventsWithSourceMetaSince(java.time.Instant since);

    /**
     * Runs {@code work} in one read transaction: every read inside sees the archive as one
     * commit left it, whatever writers commit meanwhile. Writes are not allowed inside.
     */
    <T> T snapshot(java.util.function.Supplier<T> work);

    /**
     * Searches every version's text, contexts and outlets (see {@link SearchQuery}).
     *
     * @throws QueryException when the query cannot be read; the message says why
     */
    SearchPage search(SearchQuery query);

    /**
     * The cited URLs whose host is {@code domain} (lower case, without {@code www.}), ordered
     * by URL, after {@code afterUrl} (null for the first page), at most {@code limit}, each with
     * the events citing it and its metadata.
     */
    List<DomainSource> sourcesOf(String domain, String afterUrl, int limit);

    /**
     * Copies this whole archive into {@code target}, an empty archive of this build's schema
     * opened for writing (of this store's kind or another: SQLite to PostgreSQL and back), in one
     * transaction of the target and one snapshot of this one; {@code progress} hears a line per
     * table. The target then holds the same events, versions and everything else: its export
     * is this one's, byte for byte.
     *
     * @throws IllegalArgumentException when {@code target} is not empty or cannot take a copy
     */
    void copyTo(ArchiveStore target, Consumer<String> progress);

    /** Counts of what the archive holds, by name, for {@code stats}. */
    Map<String, Long> stats();

    @Override
    void close();
}
