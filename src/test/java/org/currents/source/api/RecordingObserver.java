package org.currents.source.api;

import java.util.ArrayList;
import java.util.List;
import org.currents.model.WikiPage;

/** Keeps what an {@link ApiRevisionSource} reported per day, as "missing 2017-07-09" etc. */
final class RecordingObserver implements DayObserver {
    final List<String> events = new ArrayList<>();

    @Override
    public void missing(WikiPage page) {
        events.add("missing " + page.day());
    }

    @Override
    public void unchanged(WikiPage page, long newestKnown) {
        events.add("unchanged " + page.day());
    }

    @Override
    public void fetched(WikiPage page, int revisions, long requests) {
        events.add("fetched " + page.day() + " " + revisions + " in " + requests);
    }
}
