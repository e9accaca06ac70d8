package org.currents.store;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.currents.model.EventStatus;

/**
 * What the web server asks of the archive to draw one page of the site without planning the
 * whole site (issue 11): counts per day, the spellings of contexts, one context's events a page
 * at a time, and the newest versions. Each answer comes from indexed queries whose cost grows
 * with what the page shows, not with the archive, except {@link #dayTallies} and {@link
 * #contextSpellings}, which read one small row per day or per spelling (the server keeps them
 * for a state of the archive).
 */
public interface SiteQueries {

    /**
     * A day with events.
     *
     * @param day the day
     * @param current how many of its events are current
     * @param removed how many were removed
     */
    record DayTally(LocalDate day, int current, int removed) {}

    /**
     * How many events spell a context one way.
     *
     * @param key the context key
     * @param title one spelling of it
     * @param events how many events have the context spelt so
     */
    record Spelling(String key, String title, int events) {}

    /**
     * An event in brief, without its versions and contexts.
     *
     * @param id event id
     * @param day its day page
     * @param position its position there
     * @param status current or removed
     * @param text its current text
     */
    record Brief(String id, LocalDate day, int position, EventStatus status, String text) {}

    /**
     * An event and the time of its newest stored version: no version of it is newer, so the
     * time bounds when its current version was saved from above.
     *
     * @param id event id
     * @param day its day page
     * @param newest the time of its newest version (counted or not)
     */
    record Touched(String id, LocalDate day, Instant newest) {}

    /** Every day with events, ascending, with its counts of current and removed events. */
    List<DayTally> dayTallies();

    /** Every spelling of every context that an event has, with how many events spell it so; no order. */
    List<Spelling> contextSpellings();

    /** The spellings of contexts {@code keys} alone, as {@link #contextSpellings} gives them. */
    List<Spelling> contextSpellings(Collection<String> keys);

    /**
     * How many events have each context, by key: counted from the contexts alone (one step of
     * an index, no row of the events read). Every context row is of an event: the store deletes
     * an event's contexts with it.
     */
    Map<String, Integer> contextCounts();

    /**
     * At least the number of topic pages of {@code perPage} events: the sum over context keys of
     * one page per {@code perPage} events, at least one, counted from the contexts alone (one
     * step of an index, no row of the events read), so that a sitemap index knows cheaply when
     * its topics cannot need a second sitemap.
     */
    long contextPagesAtMost(int perPage);

    /**
     * Events {@code offset} to {@code offset + limit} of context {@code key}: newest day first,
     * then page position, then id (a topic page's order).
     */
    List<Brief> contextEvents(String key, int offset, int limit);

    /** How many events context {@code key} has on each day that has any, ascending by day. */
    Map<LocalDate, Integer> contextDays(String key);

    /** For each other context of the events of context {@code key}: how many of them have it. */
    Map<String, Integer> coContexts(String key);

    /** The events of context {@code key}, each with the time of its newest version; no order. */
    List<Touched> contextTouched(String key);

    /**
     * One step of a walk through the revisions, newest first.
     *
     * @param events the events with a version in the revisions read, newest revision first (an
     *     event appears once per such revision; {@link Touched#newest} is that revision's time)
     * @param lastTime the time of the oldest revision read, where the next step continues
     * @param lastRevision that revision's id
     * @param more false when no revision is older
     */
    record Touches(List<Touched> events, Instant lastTime, long lastRevision, boolean more) {}

    /**
     * The events with a version in the {@code limit} newest revisions older than ({@code
     * beforeTime}, {@code beforeRevision}) in the order of time, then id; {@code beforeTime}
     * null starts at the newest. Walking on from {@link Touches#lastTime} lists every event by
     * its newest version, newest first, without reading the versions of the rest.
     */
    Touches touchedBefore(Instant beforeTime, long beforeRevision, int limit);

    /** The events among {@code ids} that exist, in brief, by id. */
    Map<String, Brief> briefs(Collection<String> ids);

    /** The context keys of each of {@code ids} that has any. */
    Map<String, List<String>> contextKeys(Collection<String> ids);
}
