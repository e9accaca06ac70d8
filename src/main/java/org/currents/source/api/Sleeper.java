package org.currents.source.api;

import java.time.Duration;

/** Waits between tries; tests replace it to record waits instead of sleeping through them. */
@FunctionalInterface
interface Sleeper {
    /** The real one: {@link Thread#sleep}. */
    Sleeper REAL = d -> Thread.sleep(d.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
