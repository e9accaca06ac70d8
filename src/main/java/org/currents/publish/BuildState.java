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
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the last build of an output folder did, kept in {@code .currents-build} next to the
 * pages: which archive and change sequence it built, a content hash per page, each event's day,
 * page paths and a digest of its Related list, each day's neighbours, and a digest of what each
 * topic's pages show. With it a build tells
 * what changed without reading pages back or rendering unchanged days. A missing or unreadable
 * state file only makes the next build a full one. Its presence also says that the folder holds
 * a currents build, and its page list which files a build may delete: only those it wrote.
 */
final class BuildState {
    static final String FILE = ".currents-build";
    private static final String VERSION = "5";

    /**
     * What the last build knew of one event.
     *
     * @param day its day
     * @param relatedDigest a digest of what its pages show from elsewhere (Related, topic links)
     * @param paths its versions' page paths, without extension
     * @param updated when its current version was saved (feeds and lists sort by it)
     */
    record EventState(LocalDate day, String relatedDigest, List<String> paths, java.time.Instant updated) {}

    /** By page; drawn days write it from several threads. */
    final Map<String, String> pageHashes = new java.util.concurrent.ConcurrentHashMap<>();

    final Map<String, EventState> events = new HashMap<>();
    final Map<LocalDate, String> neighbours = new HashMap<>();
    final Map<String, String> marks = new HashMap<>();
    /** By context key: a digest of what its topic pages and feed show; drawn from several threads. */
    final Map<String, String> topics = new java.util.concurrent.ConcurrentHashMap<>();

    /** True when {@code dir} holds the state of a currents build. */
    static boolean present(Path dir) {
        return Files.isRegularFile(dir.resolve(FILE)) || BuildJournal.present(dir);
    }

    /** A page hash that matches no page: what an interrupted build wrote is drawn again. */
    static final String UNKNOWN = "-";

    /**
     * The state of the last build in {@code dir}, with the pages an interrupted build after it
     * noted in its journal: they are ours to delete, and their content is unknown.
     */
    static BuildState load(Path dir) {
        BuildState s = loadFile(dir);
        for (String page : BuildJournal.read(dir)) {
            s.pageHashes.put(page, UNKNOWN);
        }
        return s;
    }

    private static BuildState loadFile(Path dir) {
        BuildState s = new BuildState();
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return s;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] f = line.split("\t", -1);
                switch (f[0]) {
                    case "P":
                        s.pageHashes.put(f[2], f[1]);
                        break;
                    case "E":
                        s.events.put(
                                f[1],
                                new EventState(
                                        LocalDate.parse(f[2]),
                                        f[3],
                                        f[4].isEmpty() ? List.of() : List.of(f[4].split("\\|")),
                                        java.time.Instant.parse(f[5])));
                        break;
                    case "D":
                        s.neighbours.put(LocalDate.parse(f[1]), f[2]);
                        break;
                    case "M":
                        s.marks.put(f[1], f[2]);
                        break;
                    case "T":
                        s.topics.put(f[1], f[2]);
                        break;
                    default:
                        break;
                }
            }
        } catch (IOException | RuntimeException e) {
            // a damaged state costs a full build, and the pages it lists are still ours
            BuildState damaged = new BuildState();
            damaged.pageHashes.putAll(s.pageHashes);
            return damaged;
        }
        if (!VERSION.equals(s.marks.get("version"))) {
            // another version's state: a full build, but its pages stay known as ours to delete
            BuildState older = new BuildState();
            older.pageHashes.putAll(s.pageHashes);
            return older;
        }
        return s;
    }

    void save(Path dir) {
        Path file = dir.resolve(FILE);
        Path tmp = dir.resolve(FILE + ".tmp");
        marks.put("version", VERSION);
        try {
            Files.createDirectories(dir);
            try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                for (Map.Entry<String, String> e : new TreeMap<>(marks).entrySet()) {
                    w.write("M\t" + e.getKey() + "\t" + e.getValue() + "\n");
                }
                for (Map.Entry<LocalDate, String> e : new TreeMap<>(neighbours).entrySet()) {
                    w.write("D\t" + e.getKey() + "\t" + e.getValue() + "\n");
                }
                for (Map.Entry<String, String> e : new TreeMap<>(topics).entrySet()) {
                    w.write("T\t" + e.getKey() + "\t" + e.getValue() + "\n");
                }
                for (Map.Entry<String, EventState> e : new TreeMap<>(events).entrySet()) {
                    EventState x = e.getValue();
                    w.write("E\t" + e.getKey() + "\t" + x.day + "\t" + x.relatedDigest + "\t"
                            + String.join("|", x.paths) + "\t" + x.updated + "\n");
                }
                List<String> pages = new ArrayList<>(pageHashes.keySet());
                pages.sort(null); // as a TreeMap would, for less than half its time over 170,000 pages
                for (String page : pages) {
                    w.write("P\t" + pageHashes.get(page) + "\t" + page + "\n");
                }
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /**
     * True when this state says the same as {@code other} but for the time marks: saving it
     * again would change nothing a later build reads.
     */
    boolean sameAs(BuildState other) {
        return pageHashes.equals(other.pageHashes)
                && events.equals(other.events)
                && neighbours.equals(other.neighbours)
                && topics.equals(other.topics)
                && java.util.Objects.equals(marks.get("seq"), other.marks.get("seq"))
                && java.util.Objects.equals(marks.get("archive"), other.marks.get("archive"));
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

    /**
     * A 128-bit digest of strings, each one delimited: two 64-bit polynomial hashes with
     * different odd multipliers. Change detection only (not security): a build that read a
     * stale digest would keep a page one build too long, with odds of about 2^-128.
     */
    static String digest(List<String> parts) {
        long a = 0x9E3779B97F4A7C15L;
        long b = 0xC2B2AE3D27D4EB4FL;
        for (String p : parts) {
            for (int i = 0; i < p.length(); i++) {
                char c = p.charAt(i);
                a = (a ^ c) * 0x100000001B3L;
                b = (b + c) * 0xFF51AFD7ED558CCDL + 0x2545F4914F6CDD1DL;
            }
            a = (a ^ 0xFFFF) * 0x100000001B3L;
            b = (b + 0xFFFF) * 0xFF51AFD7ED558CCDL;
        }
        return Long.toHexString(a) + Long.toHexString(b ^ (b >>> 29));
    }

    static List<String> list(String... parts) {
        return new ArrayList<>(List.of(parts));
    }
}
