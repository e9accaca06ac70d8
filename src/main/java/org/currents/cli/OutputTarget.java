package org.currents.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;

/**
 * Where a command writes a file the user named ({@code --out}), written the way the target needs:
 * a regular file (or a new one) is replaced atomically, through a temporary file in its own
 * folder, so that a reader never sees half of it and a failure leaves the old one; a symbolic
 * link is followed and its target replaced so (the link stays a link); a FIFO, a terminal or a
 * device ({@code /dev/stdout}, {@code /dev/full}) is written into as it is, never replaced by a
 * plain file; {@code -} is this process's stdout.
 */
final class OutputTarget {
    /** Symbolic links followed at most, as Linux's {@code MAXSYMLINKS}. */
    private static final int MAX_LINKS = 40;

    /** What is written to the target. */
    interface Body<T> {
        T writeTo(OutputStream out) throws IOException;
    }

    private final String name;
    private final PrintStream stdout;

    private OutputTarget(String name, PrintStream stdout) {
        this.name = name;
        this.stdout = stdout;
    }

    /**
     * The target {@code name} names, {@code -} for {@code stdout}.
     *
     * @throws UsageException when {@code name} is empty or blank
     */
    static OutputTarget of(String option, String name, PrintStream stdout) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new UsageException(option + " must name a file (or - for stdout), not an empty string");
        }
        return new OutputTarget(name, stdout);
    }

    boolean isStdout() {
        return name.equals("-");
    }

    /**
     * Writes what {@code body} writes to the target, buffered, and returns what it returns.
     *
     * @throws UsageException when the target is a folder
     * @throws IOException naming the file and the reason (no such folder, permission denied, no
     *     space left on device, ...); a regular target is then as it was
     */
    <T> T write(Body<T> body) throws IOException {
        if (isStdout()) {
            OutputStream out = new BufferedOutputStream(stdout);
            T result = body.writeTo(out);
            out.flush();
            if (stdout.checkError()) {
                throw new IOException("cannot write to stdout");
            }
            return result;
        }
        Path target = Path.of(name);
        BasicFileAttributes attrs = attributes(target);
        if (attrs != null && attrs.isDirectory()) {
            throw new UsageException(name + " is a folder; give a file to write");
        }
        try {
            if (attrs != null && !attrs.isRegularFile()) {
                return streamed(target, body);
            }
            return replaced(resolveLinks(target), body);
        } catch (IOException e) {
            throw new IOException("cannot write " + name + ": " + Failures.reason(e), e);
        }
    }

    /** A FIFO or a device: written into, links followed by the kernel, nothing created or renamed. */
    private static <T> T streamed(Path target, Body<T> body) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(target, StandardOpenOption.WRITE))) {
            return body.writeTo(out);
        }
    }

    /** A regular file or none: a temporary file beside it, forced to disk, renamed over it. */
    private static <T> T replaced(Path file, Body<T> body) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "no such folder");
        }
        Path tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
        boolean done = false;
        try {
            keepPermissions(file, tmp);
            T result;
            try (var channel = Files.newByteChannel(tmp, StandardOpenOption.WRITE);
                    OutputStream out = new BufferedOutputStream(java.nio.channels.Channels.newOutputStream(channel))) {
                result = body.writeTo(out);
                out.flush();
                ((java.nio.channels.FileChannel) channel).force(true);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            done = true;
            return result;
        } finally {
            if (!done) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /** A new file gets the permissions a plain create would give; a replaced one keeps its own. */
    private static void keepPermissions(Path file, Path tmp) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(tmp, PosixFileAttributeView.class);
        if (view == null) {
            return;
        }
        if (Files.isRegularFile(file)) {
            view.setPermissions(Files.getPosixFilePermissions(file));
        } else {
            // createTempFile makes it 0600; a file the user asked for is 0666 less the umask,
            // which Java cannot read: 0644 is the common result
            view.setPermissions(PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    /** {@code p} with every symbolic link on its last component followed, even a dangling one. */
    private static Path resolveLinks(Path p) throws IOException {
        Path at = p;
        for (int i = 0; i < MAX_LINKS && Files.isSymbolicLink(at); i++) {
            Path link = Files.readSymbolicLink(at);
            Path parent = at.toAbsolutePath().getParent();
            at = parent == null ? link : parent.resolve(link);
        }
        if (Files.isSymbolicLink(at)) {
            throw new FileSystemException(p.toString(), null, "too many levels of symbolic links");
        }
        return at;
    }

    /** The target's attributes, links followed; null when nothing is there (or a link dangles). */
    private static BasicFileAttributes attributes(Path p) {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class);
        } catch (IOException e) {
            return null;
        }
    }
}
