package org.currents.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Real small and read-only filesystems for tests: a {@code tmpfs} of a given size mounted on a
 * folder, remounted read-only when asked. Needs root (CI runs the tests as root); as another
 * user the tests that need it are skipped with a message, and as root a mount that fails fails
 * the test, so that CI never skips them silently.
 */
public final class Mounts implements AutoCloseable {
    private final Path dir;

    private Mounts(Path dir) {
        this.dir = dir;
    }

    /** True when this process runs as root, the only user that may mount. */
    public static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** Mounts a tmpfs of {@code size} (e.g. {@code "512k"}) on the new folder {@code dir}. */
    public static Mounts tmpfs(Path dir, String size) throws IOException, InterruptedException {
        assumeTrue(root(), "mounting a tmpfs needs root (CI runs as root)");
        Files.createDirectories(dir);
        run("mount", "-t", "tmpfs", "-o", "size=" + size + ",mode=0755", "tmpfs", dir.toString());
        return new Mounts(dir);
    }

    /**
     * Mounts a tmpfs of {@code size} on the new folder {@code dir}, owned by {@code user} with mode
     * 0700: what PostgreSQL asks of a tablespace's folder. The folders above must let that user
     * pass.
     */
    public static Mounts tmpfsOwnedBy(Path dir, String size, String user) throws IOException, InterruptedException {
        assumeTrue(root(), "mounting a tmpfs needs root (CI runs as root)");
        Files.createDirectories(dir);
        String uid = output("id", "-u", user);
        String gid = output("id", "-g", user);
        run(
                "mount",
                "-t",
                "tmpfs",
                "-o",
                "size=" + size + ",mode=0700,uid=" + uid + ",gid=" + gid,
                "tmpfs",
                dir.toString());
        return new Mounts(dir);
    }

    /** The mounted folder. */
    public Path dir() {
        return dir;
    }

    /** Makes the whole filesystem read-only (files keep their modes; nobody, root included, writes). */
    public void readOnly() throws IOException, InterruptedException {
        run("mount", "-o", "remount,ro", dir.toString());
    }

    /** Gives the filesystem a new size, e.g. to make room after a test filled it. */
    public void resize(String size) throws IOException, InterruptedException {
        run("mount", "-o", "remount,size=" + size, dir.toString());
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run("umount", dir.toString());
    }

    private static String output(String... command) throws IOException, InterruptedException {
        Process p =
                new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p =
                new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", new ArrayList<>(List.of(command))) + " failed: " + out);
        }
    }
}
