package org.currents.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.function.Consumer;
import org.currents.enrich.RequestStart;

/**
 * {@code enrich --request-log FILE}: one line per request sent, appended as it is sent, so that
 * an operator can see what each host got from all the workers sharing an archive, and when:
 *
 * <pre>booked TAB sent TAB worker TAB url</pre>
 *
 * <p>{@code booked} is the start the archive gave the request (a host's bookings are its delay
 * apart, to the millisecond, across all workers), {@code sent} the moment it went out; both are
 * ISO-8601 instants in UTC. Each line is one {@code write} to a file opened for appending, before
 * the request leaves: a process killed with {@code kill -9} has logged every request it sent,
 * and several workers may append to one file without their lines mixing. A write that fails
 * (disk full) is said once on stderr and ends the log, not the run.
 */
final class RequestLog implements Consumer<RequestStart>, AutoCloseable {
    private final Path file;
    private final FileChannel channel;
    private final String worker;
    private final PrintWriter err;
    private boolean failed;

    private RequestLog(Path file, FileChannel channel, String worker, PrintWriter err) {
        this.file = file;
        this.channel = channel;
        this.worker = clean(worker);
        this.err = err;
    }

    /**
     * Opens {@code file} for appending, creating it if need be.
     *
     * @throws UsageException when {@code file} is a folder
     * @throws IOException naming the file, when it cannot be opened
     */
    static RequestLog open(Path file, String worker, PrintWriter err) throws IOException {
        if (Files.isDirectory(file)) {
            throw new UsageException("--request-log: " + file + " is a folder; give a file to append to");
        }
        try {
            return new RequestLog(
                    file,
                    FileChannel.open(
                            file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND),
                    worker,
                    err);
        } catch (IOException e) {
            throw new IOException("cannot open the request log " + file, e);
        }
    }

    @Override
    public void accept(RequestStart start) {
        String line = start.booked() + "\t" + Instant.now() + "\t" + worker + "\t"
                + clean(start.url().toASCIIString()) + "\n";
        ByteBuffer bytes = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
        synchronized (this) {
            if (failed) {
                return;
            }
            try {
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
            } catch (IOException e) {
                failed = true;
                err.println("currents: enrich: cannot write the request log " + file + " (" + Failures.message(e)
                        + "); no more requests are logged");
                err.flush();
            }
        }
    }

    /** A field never breaks a line: tabs and line ends (in a worker's name) become spaces. */
    private static String clean(String s) {
        return s.replaceAll("[\\t\\r\\n]", " ");
    }

    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }
}
