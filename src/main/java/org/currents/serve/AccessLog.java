package org.currents.serve;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The access log: lines queued by request threads and written by one thread of its own, so that
 * a slow terminal or disk never holds up a response. When the queue is full, lines are dropped
 * and counted (the count is written when the log closes), rather than slowing the server.
 */
public final class AccessLog implements Consumer<String>, AutoCloseable {
    /** Lines waiting to be written, at most. */
    static final int QUEUE = 65_536;

    private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(QUEUE);
    private final Writer out;
    private final Thread writer;
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean closing;

    private AccessLog(Writer out) {
        this.out = out;
        this.writer = new Thread(this::drain, "currents-access-log");
        writer.setDaemon(true);
        writer.start();
    }

    /** A log written to {@code out} (not closed by {@link #close}; flushed after each batch). */
    public static AccessLog to(Writer out) {
        return new AccessLog(out);
    }

    @Override
    public void accept(String line) {
        if (!queue.offer(line)) {
            dropped.incrementAndGet();
        }
    }

    private void drain() {
        try {
            while (!closing || !queue.isEmpty()) {
                String line = queue.poll(200, TimeUnit.MILLISECONDS);
                if (line == null) {
                    continue;
                }
                out.write(line);
                out.write('\n');
                for (String more; (more = queue.poll()) != null; ) {
                    out.write(more);
                    out.write('\n');
                }
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // the log's writer is gone: the server goes on without a log
        }
    }

    /** Writes what is queued, and how many lines were dropped, then stops. */
    @Override
    public void close() {
        closing = true;
        try {
            writer.join(5_000);
            if (dropped.get() > 0) {
                out.write("access log: " + dropped.get() + " lines dropped (the writer could not keep up)\n");
            }
            out.flush();
        } catch (IOException | InterruptedException e) {
            // nothing more to be done for a log
        }
    }
}
