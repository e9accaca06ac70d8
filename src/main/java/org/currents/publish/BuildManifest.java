package org.currents.publish;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the last build wrote: a content hash per page, in {@code .currents-build} in the output
 * folder, so that a build can tell an unchanged page without reading it back. A missing or
 * unreadable manifest only makes the next build compare file contents instead.
 */
final class BuildManifest {
    static final String FILE = ".currents-build";

    private final Path dir;
    private final Map<String, String> hashes;

    private BuildManifest(Path dir, Map<String, String> hashes) {
        this.dir = dir;
        this.hashes = hashes;
    }

    static BuildManifest load(Path dir) {
        Map<String, String> hashes = new HashMap<>();
        Path file = dir.resolve(FILE);
        if (Files.isRegularFile(file)) {
            try {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    int tab = line.indexOf('\t');
                    if (tab > 0) {
                        hashes.put(line.substring(tab + 1), line.substring(0, tab));
                    }
                }
            } catch (IOException | RuntimeException e) {
                hashes.clear(); // a damaged manifest costs a slower build, nothing else
            }
        }
        return new BuildManifest(dir, hashes);
    }

    String hash(String path) {
        return hashes.get(path);
    }

    void put(String path, String hash) {
        hashes.put(path, hash);
    }

    void retain(Set<String> paths) {
        hashes.keySet().retainAll(paths);
    }

    void save() {
        Path file = dir.resolve(FILE);
        Path tmp = dir.resolve(FILE + ".tmp");
        try {
            Files.createDirectories(dir);
            try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                for (Map.Entry<String, String> e : new TreeMap<>(hashes).entrySet()) {
                    w.write(e.getValue());
                    w.write('\t');
                    w.write(e.getKey());
                    w.write('\n');
                }
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** 32 hex digits of the SHA-256 of {@code bytes}. */
    static String hash(byte[] bytes) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(bytes);
            return java.util.HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }
}
