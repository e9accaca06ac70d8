package org.currents.history;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.currents.model.ParsedEvent;
import org.currents.model.Revision;
import org.currents.model.Source;
import org.currents.model.WikiPage;
import org.currents.source.RevisionSink;
import org.currents.source.RevisionSource;
import org.currents.store.BulletKeys;
import org.currents.wikitext.DayPageParser;
import org.currents.wikitext.ParseResult;

/**
 * The reading half of a two-thread import: a thread of its own reads the source and parses each
 * revision, and hands pages to the importer's thread, which tracks versions and writes the
 * store, through a bounded queue in input order. The store is used on the importer's thread
 * only; this thread never touches it.
 *
 * <p>The queue holds at most {@link #CAPACITY} messages (a revision's parsed events, without its
 * text unless the text is kept), so the reader runs at most that far ahead of the writer and
 * memory stays bounded whatever the input's size.
 *
 * <p>Which revisions the archive already holds is the importer's to say: it answers each page's
 * {@link Begin} with the page's stored revision ids. The reader does not wait for the answer; a
 * revision read before it arrives is parsed anyway (and dropped by the importer), so a re-import
 * skips parsing almost everything while a first import never waits.
 */
final class ReadAhead implements RevisionSink {
    /** Messages in flight; at about 30 events per revision, a few MB of parsed events. */
    static final int CAPACITY = 512;

    /** A new page; the importer completes {@code known} with the ids the archive holds. */
    record Begin(WikiPage page, CompletableFuture<Set<Long>> known) {}

    /**
     * One revision; {@code result} and {@code keys} are null when the reader knew the archive
     * holds it. {@code keys[i]} is the {@link BulletKeys} key of event {@code i}: a SHA-256 per
     * event, 15 % of the writing thread's time when it computed them (bench/import.md).
     */
    record Parsed(Revision revision, ParseResult result, String[] keys) {}

    /** The current page is complete. */
    record End() {}

    /** A page the source skipped. */
    record Skipped(String title) {}

    /** Bytes of input read so far. */
    record Progress(long read, long total) {}

    /**
     * The reader is done: normally ({@code error} null), or with what ended it. After this message
     * nothing else comes.
     */
    record Done(Throwable error) {}

    private static final End END = new End();
    private static final ParseResult HIDDEN = new ParseResult(List.of(), List.of(), 0);

    /**
     * Bullet keys of the contents already seen on the current page: most events are the same from
     * one revision to the next, and their fields are the same string instances (the parser reuses
     * the lines it rendered for the previous revision), whose hash codes are cached, so a lookup
     * here costs far less than the SHA-256 it saves. Cleared at each page and when it grows past
     * {@link #MEMO_LIMIT}, so its size does not grow with the input.
     */
    private final Map<Content, String> keyMemo = new HashMap<>();

    static final int MEMO_LIMIT = 50_000;

    /** What a bullet key is a hash of: a parsed event less its position and line. */
    private record Content(
            String category,
            List<String> stories,
            String text,
            List<String> links,
            List<Source> sources,
            boolean unsourced) {
        Content(ParsedEvent e) {
            this(e.category(), e.stories(), e.text(), e.links(), e.sources(), e.unsourced());
        }
    }

    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final RevisionSource source;
    private final DayPageParser parser;
    private final boolean keepWikitext;
    private final BooleanSupplier stopRequested;
    private final Thread thread;
    private volatile boolean closed;
    private CompletableFuture<Set<Long>> known;

    private ReadAhead(
            RevisionSource source, DayPageParser parser, boolean keepWikitext, BooleanSupplier stopRequested) {
        this.source = source;
        this.parser = parser;
        this.keepWikitext = keepWikitext;
        this.stopRequested = stopRequested;
        this.thread = new Thread(this::read, "currents-read");
    }

    /** Starts reading {@code source} on a new thread; {@link #next} takes what it read. */
    static ReadAhead start(
            RevisionSource source, DayPageParser parser, boolean keepWikitext, BooleanSupplier stopRequested) {
        ReadAhead r = new ReadAhead(source, parser, keepWikitext, stopRequested);
        r.thread.setDaemon(true); // a reader blocked on a broken input must not keep the JVM alive
        r.thread.start();
        return r;
    }

    private void read() {
        Throwable error = null;
        try {
            source.readInto(this);
        } catch (IOException | RuntimeException | Error e) { // handed to the importer's thread
            error = e;
        }
        try {
            put(new Done(error));
        } catch (Closed e) {
            // the importer stopped taking: nobody waits for the outcome
        }
    }

    /**
     * The next message, in input order; blocks until the reader has one.
     *
     * @throws InterruptedException when the importer's thread is interrupted while waiting
     */
    Object next() throws InterruptedException {
        return queue.take();
    }

    /**
     * Stops the reader (at its next revision or page) and waits for its thread to end. Messages
     * not taken yet are dropped.
     */
    void close() {
        closed = true;
        boolean interrupted = false;
        while (thread.isAlive()) {
            queue.clear(); // unblocks a put
            try {
                thread.join(20);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        queue.clear();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Ends the reading thread's {@code readInto} once the importer no longer takes messages. */
    private static final class Closed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Closed() {
            super("import closed", null, false, false);
        }
    }

    private void put(Object message) {
        try {
            while (!queue.offer(message, 20, TimeUnit.MILLISECONDS)) {
                if (closed) {
                    throw new Closed();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Closed();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new Closed();
        }
    }

    // ---- the sink, on the reading thread

    @Override
    public void beginPage(WikiPage page) {
        ensureOpen();
        if (stopRequested.getAsBoolean()) {
            throw new Importer.Stopped();
        }
        known = new CompletableFuture<>();
        parser.forgetLines();
        keyMemo.clear();
        put(new Begin(page, known));
    }

    @Override
    public void revision(Revision r) {
        ensureOpen();
        Set<Long> held = known.getNow(null);
        if (held != null && held.contains(r.id())) {
            put(new Parsed(r.withoutText(), null, null));
            return;
        }
        ParseResult result = r.textHidden() ? HIDDEN : parser.parse(r.text());
        String[] keys = new String[result.events().size()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = key(result.events().get(i));
        }
        put(new Parsed(keepWikitext ? r : r.withoutText(), result, keys));
    }

    /** {@link BulletKeys#of}, remembered for the page. */
    private String key(ParsedEvent e) {
        Content c = new Content(e);
        String key = keyMemo.get(c);
        if (key == null) {
            if (keyMemo.size() >= MEMO_LIMIT) {
                keyMemo.clear();
            }
            key = BulletKeys.of(e);
            keyMemo.put(c, key);
        }
        return key;
    }

    @Override
    public void endPage() {
        ensureOpen();
        put(END);
    }

    @Override
    public void skippedPage(String title) {
        put(new Skipped(title));
    }

    @Override
    public void progress(long bytesRead, long bytesTotal) {
        put(new Progress(bytesRead, bytesTotal));
    }

    /** Whether {@code e}, ending the reader, is the importer's own stop rather than a failure. */
    static boolean isStop(Throwable e) {
        return e instanceof Importer.Stopped || e instanceof Closed;
    }

    /** Rethrows what ended the reader as the sequential import would have thrown it. */
    static void rethrow(Throwable e) throws IOException {
        if (e instanceof IOException io) { // a SourceException among them
            throw io;
        }
        if (e instanceof RuntimeException r) {
            throw r;
        }
        throw (Error) e;
    }
}
