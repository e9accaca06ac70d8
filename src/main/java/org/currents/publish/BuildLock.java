package org.currents.publish;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One build at a time into a folder: an exclusive lock on {@code .currents-build.lock} next to
 * the pages, held for the whole build, and freed by the system when the process ends however it
 * ends ({@code kill -9} too). Two builds writing into one folder at once would interleave their
 * journals and states and leave pages that neither state lists (and so no build would ever
 * delete). The file holds the pid of the build that holds it, for the refusal's message; it is
 * left in place (deleting a lock file races with the next build that opens it).
 */
final class BuildLock implements AutoCloseable {
    /** The lock file's name, in the output folder. */
    static final String FILE = BuildState.FILE + ".lock";

    private final FileChannel channel;
    private final FileLock lock;

    private BuildLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of folder {@code out} (made if missing) at once.
     *
     * @throws SiteBuilder.BusyFolderException when another build holds it, naming its pid when known
     */
    static BuildLock take(Path out) {
        Path file = out.resolve(FILE);
        FileChannel channel = null;
        try {
            Files.createDirectories(out);
            channel = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // a build of this process holds it
            }
            if (lock == null) {
                String holder = holder(file);
                channel.close();
                throw new SiteBuilder.BusyFolderException(out + " is being built by another currents build"
                        + (holder.isEmpty() ? "" : " (pid " + holder + ")")
                        + "; wait for it to end, or stop it (a stopped build's next one tidies after it)");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)));
            return new BuildLock(channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot lock " + file, e);
        }
    }

    /** The pid the lock file names, or empty. */
    private static String holder(Path file) {
        try {
            String pid = Files.readString(file, StandardCharsets.US_ASCII).strip();
            return pid.matches("[0-9]{1,10}") ? pid : "";
        } catch (IOException | UncheckedIOException e) {
            return "";
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // the lock goes with the channel
            }
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unlock " + FILE, e);
        }
    }
}
