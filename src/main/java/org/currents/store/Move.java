package org.currents.store;

import java.time.LocalDate;

/**
 * An event moved from one day page to another.
 *
 * @param fromDay the day it was removed from
 * @param toDay the day it was added to
 * @param removedRevisionId the revision that removed it from {@code fromDay}
 * @param addedRevisionId the revision that added it to {@code toDay}
 */
public record Move(LocalDate fromDay, LocalDate toDay, long removedRevisionId, long addedRevisionId) {}
