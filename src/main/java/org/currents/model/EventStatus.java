package org.currents.model;

/** Whether an event is on its day page now. */
public enum EventStatus {
    /** On the newest revision of its day page. */
    CURRENT,
    /** Deleted for good; the archive keeps it with the revision that removed it. */
    REMOVED;

    /** The lower-case name used in exports and the store. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
