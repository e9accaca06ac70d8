package org.currents.source.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Records waits instead of sleeping through them. */
final class RecordingSleeper implements Sleeper {
    final List<Duration> waits = new ArrayList<>();

    @Override
    public synchronized void sleep(Duration duration) {
        waits.add(duration);
    }
}
