package org.currents.store.sqlite;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;
import org.currents.store.ArchiveStore;
import org.currents.store.StoreException;

/**
 * The lock that keeps history writers ({@code import}, {@code sync}, {@code rebuild}) of one
 * archive one at a time: an OS file lock on {@code <archive>.lock}, which the kernel releases
 * when its process dies, even by {@code kill -9}, so that no stale lock outlives a crash. The
 * file holds who has the lock, for the message of who waits; it stays after use (deleting a lock
 * file races with the next process opening it).
 *
 * <p>SQLite's own locks last one transaction; a history writer reads a page's state, follows its
 * events and commits, and another writer committing the same page in between would be
 * overwritten. Hence a lock over the whole command.
 */
final class SqliteWriterLock implements ArchiveStore.Lock {
    private static final long POLL_MS = 200;

    private final FileChannel channel;
    private final FileLock lock;

    private SqliteWriterLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock file of archive {@code path}, beside it. */
    static Path fileOf(String path) {
        return Path.of(path + ".lock");
    }

    /**
     * Waits until no other process holds the lock of archive {@code path}, then takes it; with
     * {@code wait} false, fails at once instead of waiting, naming who holds it.
     */
    static SqliteWriterLock acquire(String path, String holder, boolean wait, Consumer<String> notices) {
        Path file = fileOf(path);
        FileChannel channel = null;
        try {
            channel = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            boolean told = false;
            while (true) {
                FileLock lock = tryLock(channel);
                if (lock != null) {
                    channel.truncate(0);
                    channel.write(ByteBuffer.wrap(
                            (holder + " (pid " + ProcessHandle.current().pid() + ")\n")
                                    .getBytes(StandardCharsets.UTF_8)));
                    return new SqliteWriterLock(channel, lock);
                }
                if (!wait) {
                    String other = holderOf(channel);
                    closeQuietly(channel);
                    throw new StoreException(
                            "lock archive " + path + " for writing",
                            other + " is writing to it (one writer at a time; without --no-wait this would wait)",
                            null);
                }
                if (!told) {
                    told = true;
                    notices.accept("waiting for " + holderOf(channel) + " to finish writing archive " + path
                            + " (one writer at a time) ...");
                }
                Thread.sleep(POLL_MS);
            }
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StoreException(
                    "lock archive " + path + " for writing",
                    "cannot use lock file " + file + " (" + e.getMessage() + ")",
                    e);
        } catch (InterruptedException e) {
            closeQuietly(channel);
            Thread.currentThread().interrupt();
            throw new StoreException("lock archive " + path + " for writing", "interrupted while waiting", e);
        }
    }

    /**
     * Who holds the lock of archive {@code path} now ("currents import (pid 12)"), or null when
     * nobody does. Reads only, so that readers of read-only archives may ask.
     */
    static String holder(String path) {
        Path file = fileOf(path);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            FileLock probe;
            try {
                probe = channel.tryLock(0, Long.MAX_VALUE, true);
            } catch (OverlappingFileLockException e) {
                return holderOf(channel); // this JVM holds it
            }
            if (probe != null) {
                probe.release();
                return null;
            }
            return holderOf(channel);
        } catch (IOException e) {
            return null; // no lock file: no writer since the archive was made
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // held by another thread of this JVM: wait for it as for another process
        }
    }

    private static String holderOf(FileChannel channel) {
        try {
            ByteBuffer b = ByteBuffer.allocate(200);
            channel.read(b, 0);
            String s = new String(b.array(), 0, b.position(), StandardCharsets.UTF_8).strip();
            return s.isEmpty() ? "another currents" : s;
        } catch (IOException e) {
            return "another currents";
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // already failing; the first error is the one to report
            }
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new StoreException("release the writer lock", e.getMessage(), e);
        }
    }
}
