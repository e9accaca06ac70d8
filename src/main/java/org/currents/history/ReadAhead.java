package org.currents.history;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
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
 * <p>The queue holds at most {@link #BUDGET_KB} KB of messages by their estimated size (a
 * revision's parsed events, without its text unless the text is kept), and at most {@link
 * #CAPACITY} of them, so the reader runs at most that far ahead of the writer and memory stays
 * bounded whatever the input's size. The bound is in bytes, not messages, because the writer
 * works in bursts: it commits a few hundred pages at once (a second or more of SQLite), and the
 * reader must be able to read on meanwhile. With 512 messages (a dozen pages) it could not: on
 * the large preset the reader waited for room during each commit and the writer then waited for
 * pages, so the two threads took turns (wall time = the sum of their CPU, 20.8 s with C1 alone;
 * 16.3 s with room for a commit's worth).
 *
 * <p>Which revisions the archive already holds is the importer's to say: it answers each page's
 * {@link Begin} with the page's stored revision ids. The reader does not wait for the answer; a
 * revision read before it arrives is parsed anyway (and dropped by the importer), so a re-import
 * skips parsing almost everything while a first import never waits.
 */
final class ReadAhead implements RevisionSink {
    /** Messages in flight at most, whatever their size. */
    static final int CAPACITY = 1 << 16;

    /**
     * Estimated kilobytes in flight at most: room for one commit's pages (about 270 pages of the
     * large preset, 19 events a revision) while the writer is busy with the last one, well
     * within {@code -Xmx512m}. An event new on its page is counted with all its strings, one
     * seen on an earlier revision of the page as its record alone (the parser hands out the same
     * strings for unchanged lines): an input of pages whose every revision is new text fills the
     * budget with fewer revisions, not more memory.
     */
    static final int BUDGET_KB = 48 * 1024;

    /** A new page; the importer completes {@code known} with the ids the archive holds. */
    record Begin(WikiPage page, CompletableFuture<Set<Long>> known) {}

    /**
     * One revision; {@code result} and {@code keys} are null when the reader knew the archive
     * holds it. {@code keys[i]} is the {@link BulletKeys} key of event {@code i}: a SHA-256 per
     * event, 15 % of the writing thread's time when it computed them (bench/import.md). {@code
     * kb} is its estimated size, what it takes of the queue's {@link #BUDGET_KB}.
     */
    record Parsed(Revision revision, ParseResult result, String[] keys, int kb) {}

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
    /** Kilobytes of room left in the queue: a put takes its message's weight, a take gives it back. */
    private final Semaphore room = new Semaphore(BUDGET_KB);

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
        Object message = queue.take();
        room.release(weight(message));
        return message;
    }

    /** A message's estimated size in KB: a revision's as {@link Parsed#kb}, any other 1. */
    static int weight(Object message) {
        return message instanceof Parsed p ? p.kb() : 1;
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
        int weight = weight(message);
        try {
            while (!room.tryAcquire(weight, 20, TimeUnit.MILLISECONDS)) {
                if (closed) {
                    throw new Closed();
                }
            }
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
            put(new Parsed(r.withoutText(), null, null, 1));
            return;
        }
        ParseResult result = r.textHidden() ? HIDDEN : parser.parse(r.text());
        String[] keys = new String[result.events().size()];
        long bytes = 64 + (keepWikitext && r.text() != null ? 2L * r.text().length() : 0);
        for (int i = 0; i < keys.length; i++) {
            ParsedEvent e = result.events().get(i);
            Content c = new Content(e);
            String key = keyMemo.get(c);
            if (key == null) {
                if (keyMemo.size() >= MEMO_LIMIT) {
                    keyMemo.clear();
                }
                key = BulletKeys.of(e);
                keyMemo.put(c, key);
                bytes += bytes(e);
            } else {
                // seen earlier on the page: the parser gave it the same strings (its line cache)
                bytes += SHARED_EVENT_BYTES;
            }
            keys[i] = key;
        }
        put(new Parsed(keepWikitext ? r : r.withoutText(), result, keys, (int) Math.min(BUDGET_KB, 1 + bytes / 1024)));
    }

    /** What an event repeated from an earlier revision of the page adds: its record and lists. */
    private static final int SHARED_EVENT_BYTES = 160;

    /** An event's estimated size with all its strings its own (two bytes a char, at worst). */
    private static long bytes(ParsedEvent e) {
        long bytes =
                SHARED_EVENT_BYTES + 2L * e.text().length() + 2L * e.category().length();
        for (String story : e.stories()) {
            bytes += 48 + 2L * story.length();
        }
        for (String link : e.links()) {
            bytes += 48 + 2L * link.length();
        }
        for (Source source : e.sources()) {
            bytes += 96 + 2L * (source.url().length() + source.outlet().length());
        }
        return bytes;
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
