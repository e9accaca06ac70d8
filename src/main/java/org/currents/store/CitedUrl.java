package org.currents.store;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A URL events cite, with the earliest day it is cited on (the day a Wayback snapshot should be
 * closest to).
 *
 * @param url the URL as cited
 * @param day the earliest day of an event citing it
 */
public record CitedUrl(String url, LocalDate day) {
    public CitedUrl {
        Objects.requireNonNull(url, "url");
    }
}
