package org.currents.store;

import java.time.LocalDate;
import java.util.List;
import org.currents.model.Context;
import org.currents.model.EventStatus;

/**
 * An event in brief: what a build needs to relate events and decide what to render, without
 * loading their versions.
 *
 * @param id event id
 * @param day its day page
 * @param position its position there
 * @param status current or removed
 * @param unsourced true when it cites no source
 * @param text its current text
 * @param contexts its contexts
 */
public record EventSummary(
        String id,
        LocalDate day,
        int position,
        EventStatus status,
        boolean unsourced,
        String text,
        List<Context> contexts) {}
