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
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the last build of an output folder did, kept in the folder {@code .currents-build} next
 * to the pages: which archive and change sequence it built, how many pages the site has, each
 * day's neighbours, every topic's name (count, path, title) and a digest of what each topic's
 * pages show (the file {@code state}); each event's day, page paths and a
 * digest of its Related list (the folder {@code events}, a file per month of their days); and a
 * content hash per page, in shards (the folder {@code pages}: one shard per month of day and
 * event pages, 32 of topic pages and feeds, one of the other site pages). With it a build tells what changed without reading pages back or
 * rendering unchanged days. A missing or unreadable state only makes the next build a full one.
 * Its presence also says that the folder holds a currents build, and its page list which files
 * a build may delete: only those it wrote.
 *
 * <p>A build after a small change reads only the page shards it looks into (the months of the
 * days it draws, the shards of the topics it draws, the site's) and writes only the shards whose
 * pages changed, and the months whose events' state changed: the page hashes are most of the
 * state (170,000 lines for the large preset). The events are read whole (the plan needs every
 * event's paths). Each file is written to a temporary file and renamed: page shards, then months
 * of events, then {@code state}; a build killed in between leaves new shards beside the old
 * {@code state} and the journal, which the next build repairs: the days changed since the old
 * state's sequence are drawn again, an event whose saved digest is new was drawn as it says, and
 * the journal's pages are taken as unknown.
 */
final class BuildState {
    static final String FILE = ".currents-build";
    /** Inside {@link #FILE}: marks, events, neighbours and topics. */
    static final String STATE = "state";
    /** Inside {@link #FILE}: the page hashes' shards. */
    static final String PAGES = "pages";
    /** Inside {@link #FILE}: the events' state, a file per month of their days. */
    static final String EVENTS = "events";
    /** Where an older build's single state file waits while the folder replaces it. */
    static final String OLD = FILE + ".old";

    private static final String VERSION = "6";
    /** The last version kept in one file, {@code .currents-build} itself. */
    private static final String SINGLE_FILE = "5";
    /** Shards of topic pages: a topic drawn again reads and writes one 32nd of them. */
    private static final int TOPIC_SHARDS = 32;

    /**
     * What the last build knew of one event.
     *
     * @param day its day
     * @param relatedDigest a digest of what its pages show from elsewhere (Related, topic links)
     * @param paths its versions' page paths, without extension
     * @param updated when its current version was saved (feeds and lists sort by it)
     */
    record EventState(LocalDate day, String relatedDigest, List<String> paths, java.time.Instant updated) {}

    /** By page; drawn days write it from several threads. Shared by a build's before and after. */
    final PageHashes pageHashes;

    final Map<String, EventState> events = new HashMap<>();
    final Map<LocalDate, String> neighbours = new HashMap<>();
    final Map<String, String> marks = new HashMap<>();
    /** By context key: a digest of what its topic pages and feed show; drawn from several threads. */
    final Map<String, String> topics = new ConcurrentHashMap<>();
    /**
     * How the last build named a topic: what a build after a small change goes on from, and
     * compares to find the topics named anew (and the event pages that link them).
     *
     * @param events how many events have it
     * @param path its page path
     * @param title the title it is shown by
     */
    record TopicName(int events, String path, String title) {
        /** True when it is shown by the same title at the same path as {@code other}. */
        boolean sameName(TopicName other) {
            return other != null && path.equals(other.path) && title.equals(other.title);
        }
    }

    /** By context key: how the last build named each topic. */
    final Map<String, TopicName> names = new HashMap<>();

    /** An empty state, of no folder. */
    BuildState() {
        this(new PageHashes(null));
    }

    /** The events as the state saved last knew them, to save only the months that changed; or null. */
    private Map<String, EventState> eventsBefore;
    /** True when {@link #events} are what this folder's months of events hold. */
    private boolean eventsRead;

    private BuildState(PageHashes pages) {
        this.pageHashes = pages;
    }

    /**
     * An empty state that goes on with {@code before}'s page hashes (changed in place) and saves
     * only the months of events that differ from {@code before}'s.
     */
    static BuildState after(BuildState before) {
        BuildState s = new BuildState(before.pageHashes);
        s.eventsBefore = before.eventsRead ? before.events : null;
        return s;
    }

    /** True when {@code dir} holds the state of a currents build. */
    static boolean present(Path dir) {
        return Files.isRegularFile(dir.resolve(FILE).resolve(STATE))
                || Files.isRegularFile(dir.resolve(FILE))
                || Files.isRegularFile(dir.resolve(OLD))
                || Files.isRegularFile(dir.resolve(BuildLock.FILE)) // a first build that wrote nothing
                || BuildJournal.present(dir);
    }

    /** A page hash that matches no page: what an interrupted build wrote is drawn again. */
    static final String UNKNOWN = "-";

    /**
     * The state of the last build in {@code dir}, with the pages an interrupted build after it
     * noted in its journal: they are ours to delete, and their content is unknown.
     */
    static BuildState load(Path dir) {
        BuildState s = loadState(dir);
        for (String page : BuildJournal.read(dir)) {
            s.pageHashes.put(page, UNKNOWN);
            s.interrupted = true;
        }
        return s;
    }

    /** True when a build after this state was interrupted, leaving pages in its journal. */
    private boolean interrupted;

    /** True when a build after this state was interrupted, leaving pages in its journal. */
    boolean interrupted() {
        return interrupted;
    }

    private static BuildState loadState(Path dir) {
        Path folder = dir.resolve(FILE);
        Path state = folder.resolve(STATE);
        if (Files.isRegularFile(state)) {
            BuildState s = new BuildState(new PageHashes(folder.resolve(PAGES)));
            if (VERSION.equals(read(state, s)) && readEvents(folder.resolve(EVENTS), s)) {
                s.eventsRead = true;
                return s;
            }
            return keepingPages(s);
        }
        // the single file of version 5 (or the one a change of layout set aside) says the same
        // in one file: read whole, it goes on incrementally, and its pages are saved as shards.
        // Of an older version, its pages are ours but the next build is a full one.
        for (Path old : List.of(folder, dir.resolve(OLD))) {
            if (Files.isRegularFile(old)) {
                BuildState s = new BuildState();
                return SINGLE_FILE.equals(read(old, s)) ? s : keepingPages(s);
            }
        }
        // no state; the shards of a build killed before its first state was saved are ours
        return new BuildState(new PageHashes(folder.resolve(PAGES)));
    }

    /** A state that only knows which pages are ours: the next build is a full one. */
    private static BuildState keepingPages(BuildState s) {
        BuildState pages = new BuildState(s.pageHashes);
        s.pageHashes.loadAll();
        return pages;
    }

    /** Reads every month of events in {@code dir} into {@code s}; false when one is damaged. */
    private static boolean readEvents(Path dir, BuildState s) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (!f.getFileName().toString().endsWith(".tmp") && read(f, s) == null) {
                    return false;
                }
            }
            return true;
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }

    /** Reads {@code file} into {@code s}: its version, or null when it is damaged. */
    private static String read(Path file, BuildState s) {
        Map<String, LocalDate> days = new HashMap<>(); // an event's day is one of few: parsed once

        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] f = line.split("\t", -1);
                switch (f[0]) {
                    case "P": // an older version's page hash
                        s.pageHashes.put(f[2], f[1]);
                        break;
                    case "E":
                        s.events.put(
                                f[1],
                                new EventState(
                                        days.computeIfAbsent(f[2], LocalDate::parse),
                                        f[3],
                                        f[4].isEmpty() ? List.of() : List.of(f[4].split("\\|")),
                                        instant(f[5])));
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
                    case "N": // key, count, path, title (which may hold a tab: the rest of the line)
                        String[] n = line.split("\t", 5);
                        s.names.put(n[1], new TopicName(Integer.parseInt(n[2]), n[3], n[4]));
                        break;
                    default:
                        break;
                }
            }
        } catch (IOException | RuntimeException e) {
            return null; // a damaged state costs a full build, and the pages it lists are still ours
        }
        return s.marks.get("version");
    }

    /**
     * {@code Instant.parse} of {@code text}, without the formatter for the form the state writes
     * whole seconds in ({@code 2017-07-02T12:00:00Z}): the formatter is most of the cost of
     * reading a month of events.
     */
    static java.time.Instant instant(String text) {
        if (text.length() == 20
                && text.charAt(4) == '-'
                && text.charAt(7) == '-'
                && text.charAt(10) == 'T'
                && text.charAt(13) == ':'
                && text.charAt(16) == ':'
                && text.charAt(19) == 'Z') {
            try {
                long day = LocalDate.of(number(text, 0, 4), number(text, 5, 7), number(text, 8, 10))
                        .toEpochDay();
                int h = number(text, 11, 13);
                int m = number(text, 14, 16);
                int sec = number(text, 17, 19);
                if (h < 24 && m < 60 && sec < 60) {
                    return java.time.Instant.ofEpochSecond(day * 86_400 + h * 3600 + m * 60 + sec);
                }
            } catch (java.time.DateTimeException | NumberFormatException e) {
                // not of that form after all: as the formatter says
            }
        }
        return java.time.Instant.parse(text);
    }

    private static int number(String text, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new NumberFormatException(text);
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    /** Saves the state into {@code dir}: the page shards that changed, then the rest. */
    void save(Path dir) {
        Path folder = dir.resolve(FILE);
        marks.put("version", VERSION);
        try {
            if (Files.isRegularFile(folder)) {
                // an older build's single file makes way for the folder; until the new state is
                // saved it is still read, as the list of pages that are ours
                Files.move(folder, dir.resolve(OLD), StandardCopyOption.REPLACE_EXISTING);
            }
            Files.createDirectories(folder);
            pageHashes.save(folder.resolve(PAGES));
            saveEvents(folder.resolve(EVENTS));
            writeState(folder);
            Files.deleteIfExists(dir.resolve(OLD));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + folder, e);
        }
    }

    private void writeState(Path folder) throws IOException {
        Path file = folder.resolve(STATE);
        Path tmp = folder.resolve(STATE + ".tmp");
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
            for (Map.Entry<String, TopicName> e : new TreeMap<>(names).entrySet()) {
                TopicName n = e.getValue();
                w.write("N\t" + e.getKey() + "\t" + n.events() + "\t" + n.path() + "\t" + n.title() + "\n");
            }
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Writes the months of events that changed since the state this one goes on from (every
     * month when there is none, deleting those of no event), each to a temporary file renamed.
     */
    private void saveEvents(Path dir) throws IOException {
        java.util.Set<String> write = new java.util.TreeSet<>();
        boolean all = eventsBefore == null || !Files.isDirectory(dir);
        if (!all) {
            events.forEach((id, e) -> {
                EventState was = eventsBefore.get(id);
                if (!e.equals(was)) {
                    write.add(month(e.day()));
                    if (was != null) {
                        write.add(month(was.day()));
                    }
                }
            });
            eventsBefore.forEach((id, was) -> {
                if (!events.containsKey(id)) {
                    write.add(month(was.day()));
                }
            });
        }
        // only the months written are gathered: after a small change, one or two of hundreds
        Map<String, Map<String, EventState>> months = new HashMap<>();
        events.forEach((id, e) -> {
            String m = month(e.day());
            if (all || write.contains(m)) {
                months.computeIfAbsent(m, k -> new TreeMap<>()).put(id, e);
            }
        });
        if (all) {
            write.addAll(months.keySet());
        }
        Files.createDirectories(dir);
        if (all) {
            try (java.util.stream.Stream<Path> files = Files.list(dir)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    if (!months.containsKey(f.getFileName().toString())) {
                        Files.delete(f); // of events no longer in the archive, or a temporary file
                    }
                }
            }
        }
        for (String m : write) {
            Map<String, EventState> of = months.get(m);
            Path file = dir.resolve(m);
            if (of == null) {
                Files.deleteIfExists(file);
                continue;
            }
            Path tmp = dir.resolve(m + ".tmp");
            try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                for (Map.Entry<String, EventState> e : of.entrySet()) {
                    EventState x = e.getValue();
                    w.write("E\t" + e.getKey() + "\t" + x.day + "\t" + x.relatedDigest + "\t"
                            + String.join("|", x.paths) + "\t" + x.updated + "\n");
                }
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    /** The file of the events of {@code day}'s month, {@code 2017-07}. */
    private static String month(LocalDate day) {
        return day.toString().substring(0, 7);
    }

    /**
     * True when this state says the same as {@code other} but for the time marks, and no page
     * hash changed: saving it again would change nothing a later build reads.
     */
    boolean sameAs(BuildState other) {
        return !pageHashes.changed()
                && events.equals(other.events)
                && neighbours.equals(other.neighbours)
                && topics.equals(other.topics)
                && names.equals(other.names)
                && java.util.Objects.equals(marks.get("seq"), other.marks.get("seq"))
                && java.util.Objects.equals(marks.get("archive"), other.marks.get("archive"));
    }

    /**
     * The shard page {@code page} is kept in: {@code news-YYYY-MM} for the day and event pages of
     * a month (a path {@code news/YYYY/MM/D/...}), {@code topics-N} for a topic's pages and feed
     * (all in one shard), {@code site} for the others (home, calendars, topic index, feeds,
     * sitemap, fixed pages), which are looked at on every build that draws site pages.
     */
    static String shardOf(String page) {
        if (page.startsWith("news/")) {
            int y = page.indexOf('/', 5);
            int m = y < 0 ? -1 : page.indexOf('/', y + 1);
            int d = m < 0 ? -1 : page.indexOf('/', m + 1);
            if (d > 0) {
                return "news-" + page.substring(5, y) + "-" + page.substring(y + 1, m);
            }
            return "site";
        }
        String topic = page.startsWith("topics/")
                ? page.substring("topics/".length())
                : page.startsWith("feeds/topics/") ? page.substring("feeds/topics/".length()) : null;
        if (topic == null || topic.equals("index.html")) {
            return "site";
        }
        // a topic's pages are topics/<slug>.html and topics/<slug>/<n>.html, its feed
        // feeds/topics/<slug>.atom: the slug alone chooses the shard
        int end = topic.indexOf('/');
        if (end < 0) {
            end = topic.lastIndexOf('.');
        }
        String slug = end < 0 ? topic : topic.substring(0, end);
        return "topics-" + Math.floorMod(slug.hashCode(), TOPIC_SHARDS);
    }

    /** True for the shards of day and event pages. */
    static boolean isDayShard(String shard) {
        return shard.startsWith("news-");
    }

    /**
     * The page hashes, by page, read a shard at a time when first looked into; safe for the
     * threads that draw days and topics. A shard's file is rewritten on {@link #save} only when
     * one of its pages changed.
     */
    static final class PageHashes {
        /** The folder of the shards read, or null for a state of no folder. */
        private final Path from;

        private final Map<String, Map<String, String>> shards = new ConcurrentHashMap<>();
        private final Set<String> changed = ConcurrentHashMap.newKeySet();

        PageHashes(Path from) {
            this.from = from;
        }

        private Map<String, String> shard(String name) {
            Map<String, String> s = shards.get(name);
            if (s != null) {
                return s;
            }
            synchronized (this) {
                return shards.computeIfAbsent(name, this::readShard);
            }
        }

        private Map<String, String> readShard(String name) {
            Map<String, String> s = new ConcurrentHashMap<>();
            if (from == null) {
                return s;
            }
            Path file = from.resolve(name);
            if (!Files.isRegularFile(file)) {
                return s;
            }
            try {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    int tab = line.indexOf('\t');
                    if (tab > 0) {
                        s.put(line.substring(tab + 1), line.substring(0, tab));
                    }
                }
            } catch (IOException | UncheckedIOException e) {
                // a damaged shard: its pages are drawn again, and those a build wrote in it
                // before are left in place rather than deleted
                changed.add(name);
            }
            return s;
        }

        /** The hash of {@code page} as the last build wrote it, or null. */
        String get(String page) {
            return shard(shardOf(page)).get(page);
        }

        boolean containsKey(String page) {
            return get(page) != null;
        }

        void put(String page, String hash) {
            String name = shardOf(page);
            if (!hash.equals(shard(name).put(page, hash))) {
                changed.add(name);
            }
        }

        void putAll(Map<String, String> pages) {
            pages.forEach(this::put);
        }

        /** Reads every shard: for a full build, which may delete any page. */
        void loadAll() {
            if (from == null || !Files.isDirectory(from)) {
                return;
            }
            try (java.util.stream.Stream<Path> files = Files.list(from)) {
                files.map(p -> p.getFileName().toString())
                        .filter(n -> !n.endsWith(".tmp"))
                        .forEach(this::shard);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + from, e);
            }
        }

        /** Reads every shard but those of day and event pages: the site's and the topics'. */
        void loadSitePages() {
            if (from == null || !Files.isDirectory(from)) {
                return;
            }
            try (java.util.stream.Stream<Path> files = Files.list(from)) {
                files.map(p -> p.getFileName().toString())
                        .filter(n -> !n.endsWith(".tmp") && !isDayShard(n))
                        .forEach(this::shard);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + from, e);
            }
        }

        /** Reads the shard of {@code page}'s month, topic or site. */
        void load(String page) {
            shard(shardOf(page));
        }

        /**
         * The pages of the shards read so far: those a build may delete, if it does not want
         * them. A shard never read holds only pages nothing of this build touched.
         */
        List<String> loaded() {
            List<String> out = new ArrayList<>();
            shards.values().forEach(s -> out.addAll(s.keySet()));
            return out;
        }

        /** The pages of the shards read so far that are not of day shards. */
        List<String> loadedSitePages() {
            List<String> out = new ArrayList<>();
            shards.forEach((name, s) -> {
                if (!isDayShard(name)) {
                    out.addAll(s.keySet());
                }
            });
            return out;
        }

        /** Forgets {@code page}. */
        void remove(String page) {
            String name = shardOf(page);
            if (shard(name).remove(page) != null) {
                changed.add(name);
            }
        }

        /** True when a page hash changed since the shards were read. */
        boolean changed() {
            return !changed.isEmpty();
        }

        /** How many pages the shards read so far hold. */
        int size() {
            int n = 0;
            for (Map<String, String> s : shards.values()) {
                n += s.size();
            }
            return n;
        }

        /** Writes the shards that changed into {@code dir}; true if any did. */
        boolean save(Path dir) throws IOException {
            if (changed.isEmpty()) {
                return false;
            }
            Files.createDirectories(dir);
            for (String name : new java.util.TreeSet<>(changed)) {
                Map<String, String> s = shards.get(name);
                Path file = dir.resolve(name);
                if (s == null || s.isEmpty()) {
                    Files.deleteIfExists(file);
                    continue;
                }
                List<String> pages = new ArrayList<>(s.keySet());
                pages.sort(null);
                Path tmp = dir.resolve(name + ".tmp");
                try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                    for (String page : pages) {
                        w.write(s.get(page) + "\t" + page + "\n");
                    }
                }
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            changed.clear();
            return true;
        }
    }

    /** 32 hex digits of the SHA-256 of {@code bytes}. */
    static String hash(byte[] bytes) {
        return hex(sha256().digest(bytes));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    /** The first 32 hex digits of a digest. */
    private static String hex(byte[] digest) {
        return java.util.HexFormat.of().formatHex(digest, 0, 16);
    }

    /**
     * The digest of what a page shows, {@code view}: a record of records, lists, maps and plain
     * values. SHA-256 of an encoding that tags each value's kind and gives every one its length,
     * since the text from the wiki is untrusted: a record's {@code toString()} is not
     * one-to-one (a field holding {@code ", path="} reads as two fields), and an edit crafted to
     * give a page's view the text of its last one would have left the page stale.
     */
    static String digestOf(Object view) {
        ViewDigest d = new ViewDigest();
        d.encode(view);
        return d.hex();
    }

    /** Each record type's accessors, found once (looking them up per value was most of the time). */
    private static final ClassValue<java.lang.reflect.Method[]> ACCESSORS = new ClassValue<>() {
        @Override
        protected java.lang.reflect.Method[] computeValue(Class<?> type) {
            return java.util.Arrays.stream(type.getRecordComponents())
                    .map(java.lang.reflect.RecordComponent::getAccessor)
                    .toArray(java.lang.reflect.Method[]::new);
        }
    };

    /** {@link #digestOf}'s encoder, fed to SHA-256 a buffer at a time (a DataOutputStream wrote byte by byte: 4x slower). */
    private static final class ViewDigest {
        private final MessageDigest sha = sha256();
        private final java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(1 << 15);

        String hex() {
            flush();
            return BuildState.hex(sha.digest());
        }

        private void flush() {
            buf.flip();
            sha.update(buf);
            buf.clear();
        }

        private void room(int bytes) {
            if (buf.remaining() < bytes) {
                flush();
            }
        }

        private void tag(int tag, int n) {
            room(5);
            buf.put((byte) tag).putInt(n);
        }

        /** A string as its length and its UTF-16 units: one-to-one, without an encoder's copy. */
        private void text(int tag, String s) {
            tag(tag, s.length());
            for (int i = 0; i < s.length(); i++) {
                room(2);
                buf.putChar(s.charAt(i));
            }
        }

        void encode(Object o) {
            if (o == null) {
                tag(0, 0);
            } else if (o instanceof String s) {
                text(1, s);
            } else if (o instanceof Record r) {
                java.lang.reflect.Method[] accessors = ACCESSORS.get(r.getClass());
                tag(2, accessors.length); // the types are the code's, not the wiki's: no need to spell them
                for (java.lang.reflect.Method accessor : accessors) {
                    try {
                        encode(accessor.invoke(r));
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException("cannot read " + accessor + " of a page's view", e);
                    }
                }
            } else if (o instanceof java.util.Collection<?> items) {
                tag(3, items.size());
                for (Object item : items) {
                    encode(item);
                }
            } else if (o instanceof Map<?, ?> map) {
                tag(4, map.size());
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    encode(e.getKey());
                    encode(e.getValue());
                }
            } else {
                text(5, o.toString()); // a number, date, instant, boolean or enum
            }
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
