package org.currents.publish;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The pages a build is writing, one path a line in {@code .currents-build.journal}, each line
 * written (unbuffered, so that it survives a kill -9 of the process) before its page. The state
 * file is written once, at the end of a build; a build stopped before that (Ctrl-C, kill -9, a
 * full disk) leaves the journal, and the next build takes its pages as its own: to delete when
 * their event is gone, to rewrite otherwise. A build that saved its state deletes the journal.
 * An unchanged build writes no page, so it does not create the journal either.
 */
final class BuildJournal {
    static final String FILE = ".currents-build.journal";

    private final Path dir;
    private FileChannel channel;

    BuildJournal(Path dir) {
        this.dir = dir;
    }

    /** Notes that page {@code relative} is about to be written. */
    synchronized void wrote(String relative) throws IOException {
        if (channel == null) {
            Files.createDirectories(dir);
            channel = FileChannel.open(
                    dir.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        }
        ByteBuffer line = ByteBuffer.wrap((relative + "\n").getBytes(StandardCharsets.UTF_8));
        while (line.hasRemaining()) {
            channel.write(line);
        }
    }

    /** Ends the journal once the state that lists its pages is saved. */
    synchronized void finish() {
        try {
            if (channel != null) {
                channel.close();
                channel = null;
            }
            Files.deleteIfExists(dir.resolve(FILE));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir.resolve(FILE), e);
        }
    }

    /**
     * Closes the journal's file but keeps it, for a build that failed: the next build adopts its
     * pages. (An open file would also keep a full disk's mount busy.) Idempotent.
     */
    synchronized void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // the journal's lines are written unbuffered: what reached it stays
            } finally {
                channel = null;
            }
        }
    }

    /**
     * Deletes the temporary files of the pages an interrupted build noted in {@code dir}'s journal
     * (a page is written to {@code <page>.tmp} and renamed; kill -9 in between leaves the
     * temporary file), and nothing else.
     */
    static void deleteHalfWritten(Path dir) {
        for (String page : read(dir)) {
            Path tmp = dir.resolve(page + ".tmp");
            try {
                if (Files.isRegularFile(tmp, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    Files.delete(tmp);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete " + tmp + ", left by an interrupted build", e);
            }
        }
    }

    /** True when an interrupted build left a journal in {@code dir}. */
    static boolean present(Path dir) {
        return Files.isRegularFile(dir.resolve(FILE));
    }

    /**
     * The pages an interrupted build noted in {@code dir}'s journal; a last line cut short was
     * noted but its page not begun, and is left out.
     */
    static List<String> read(Path dir) {
        Path file = dir.resolve(FILE);
        List<String> pages = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return pages;
        }
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            int from = 0;
            for (int nl = text.indexOf('\n'); nl >= 0; from = nl + 1, nl = text.indexOf('\n', from)) {
                String page = text.substring(from, nl);
                if (isOurs(page)) {
                    pages.add(page);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // unreadable: its pages stay where they are, as files a build did not write
        }
        return pages;
    }

    /** A relative path inside the folder: a damaged journal must not name a file outside it. */
    private static boolean isOurs(String page) {
        if (page.isEmpty() || page.startsWith("/") || page.contains("\\")) {
            return false;
        }
        for (String part : page.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                return false;
            }
        }
        return true;
    }
}
