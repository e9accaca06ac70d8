package org.currents.source.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.currents.model.Revision;
import org.currents.model.WikiPage;
import org.currents.source.RevisionSink;

/** Keeps what a source hands over; checks the begin/revision/end protocol as it goes. */
final class RecordingSink implements RevisionSink {
    final Map<String, List<Revision>> pages = new LinkedHashMap<>();
    final List<WikiPage> begun = new ArrayList<>();
    private WikiPage open;
    private List<Revision> current;

    @Override
    public void beginPage(WikiPage page) {
        if (open != null) {
            throw new AssertionError("beginPage(" + page.title() + ") while " + open.title() + " is open");
        }
        open = page;
        begun.add(page);
        current = new ArrayList<>();
    }

    @Override
    public void revision(Revision revision) {
        if (open == null) {
            throw new AssertionError("revision " + revision.id() + " outside a page");
        }
        current.add(revision);
    }

    @Override
    public void endPage() {
        if (open == null) {
            throw new AssertionError("endPage without beginPage");
        }
        pages.computeIfAbsent(open.title(), t -> new ArrayList<>()).addAll(current);
        open = null;
    }

    /** True when a page was begun and never ended (the source failed in the middle). */
    boolean hasOpenPage() {
        return open != null;
    }

    List<Revision> revisions(String title) {
        return pages.getOrDefault(title, List.of());
    }

    long total() {
        return pages.values().stream().mapToLong(List::size).sum();
    }
}
