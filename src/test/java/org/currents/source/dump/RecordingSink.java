package org.currents.source.dump;

import java.util.ArrayList;
import java.util.List;
import org.currents.model.Revision;
import org.currents.model.WikiPage;
import org.currents.source.RevisionSink;

/** A sink that writes down everything a source tells it, in order, as readable lines. */
final class RecordingSink implements RevisionSink {
    final List<String> calls = new ArrayList<>();
    final List<WikiPage> pages = new ArrayList<>();
    final List<Revision> revisions = new ArrayList<>();
    final List<String> skipped = new ArrayList<>();
    long lastBytesRead = -1;

    @Override
    public void beginPage(WikiPage page) {
        pages.add(page);
        calls.add("begin " + page.title());
    }

    @Override
    public void revision(Revision revision) {
        revisions.add(revision);
        calls.add("revision " + revision.id());
    }

    @Override
    public void endPage() {
        calls.add("end");
    }

    @Override
    public void skippedPage(String title) {
        skipped.add(title);
        calls.add("skipped " + title);
    }

    @Override
    public void progress(long bytesRead, long bytesTotal) {
        lastBytesRead = bytesRead;
    }

    Revision revision(long id) {
        return revisions.stream()
                .filter(r -> r.id() == id)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no revision " + id + " in " + calls));
    }
}
