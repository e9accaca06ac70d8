package org.currents.publish;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.currents.model.Context;
import org.currents.model.Event;
import org.currents.model.EventStatus;
import org.currents.model.SourceMeta;
import org.currents.relate.ContextIndexer;
import org.currents.relate.ContextTitles;
import org.currents.relate.RelatedIndex;
import org.currents.store.ArchiveStore;
import org.currents.store.EventSummary;

/**
 * Builds the Markdown archive into a folder, in the manner of JBake's Oven: index the archive,
 * then render every day. Incremental: a page is written only when its content changed, and
 * pages that no longer exist are deleted.
 *
 * <p>Two passes over the store, a day at a time, so memory holds the compact related-events
 * index and one day's events, not the archive.
 */
public final class SiteBuilder {
    private final ArchiveStore store;
    private final Path out;
    private final MarkdownRenderer renderer = new MarkdownRenderer();
    private BuildState state;

    private SiteBuilder(ArchiveStore store, Path out) {
        this.store = Objects.requireNonNull(store, "store");
        this.out = Objects.requireNonNull(out, "out");
    }

    /** A builder of {@code store}'s archive into folder {@code out}. */
    public static SiteBuilder of(ArchiveStore store, Path out) {
        return new SiteBuilder(store, out);
    }

    /** How far a build is, for progress displays. */
    public interface Listener {
        /** After each day is rendered. */
        void day(LocalDate day, int done, int total);
    }

    /**
     * Builds the archive: a full build the first time (or for another archive), then only the
     * days whose events changed, plus the event pages whose Related list changed.
     *
     * @throws UncheckedIOException when a page cannot be written, naming it
     */
    public BuildSummary build(Listener listener) {
        ContextIndexer.refresh(store);
        String archive = archiveId();
        long seq = store.changeSequence();
        java.time.Instant started = java.time.Instant.now();
        BuildState before = BuildState.load(out);
        boolean incremental = archive.equals(before.marks.get("archive")) && before.marks.containsKey("seq");
        state = new BuildState();
        state.pageHashes.putAll(before.pageHashes);

        // the archive in brief: what relates to what, and on which days
        List<EventSummary> summaries = store.eventSummaries();
        Map<String, EventSummary> byId = new HashMap<>();
        ContextTitles titles = new ContextTitles();
        List<RelatedIndex.Entry> entries = new ArrayList<>();
        java.util.TreeSet<LocalDate> days = new java.util.TreeSet<>();
        java.util.TreeSet<LocalDate> withCurrent = new java.util.TreeSet<>();
        for (EventSummary e : summaries) {
            byId.put(e.id(), e);
            List<String> keys = new ArrayList<>();
            for (Context c : e.contexts()) {
                keys.add(c.key());
                titles.add(c);
            }
            boolean live = e.status() == EventStatus.CURRENT;
            entries.add(new RelatedIndex.Entry(e.id(), e.day(), e.position(), keys, live && !e.unsourced()));
            days.add(e.day());
            if (live) {
                withCurrent.add(e.day());
            }
        }
        RelatedIndex related = RelatedIndex.of(entries);

        // days to render whole: changed events, moved or gone events, new neighbours
        Set<LocalDate> dirty = new HashSet<>();
        if (!incremental) {
            dirty.addAll(days);
        } else {
            Set<String> changed = new HashSet<>(store.eventsChangedSince(Long.parseLong(before.marks.get("seq"))));
            String since = before.marks.get("meta-since");
            if (since != null) {
                changed.addAll(store.eventsWithSourceMetaSince(java.time.Instant.parse(since)));
            }
            for (String id : changed) {
                EventSummary e = byId.get(id);
                if (e != null) {
                    dirty.add(e.day());
                }
                BuildState.EventState old = before.events.get(id);
                if (old != null) {
                    dirty.add(old.day());
                }
            }
            for (Map.Entry<String, BuildState.EventState> e : before.events.entrySet()) {
                EventSummary now = byId.get(e.getKey());
                if (now == null || !now.day().equals(e.getValue().day())) {
                    dirty.add(e.getValue().day());
                }
            }
            for (LocalDate day : days) {
                // a new day, or a day whose previous/next day with events changed
                if (!neighbours(withCurrent, day).equals(before.neighbours.get(day))) {
                    dirty.add(day);
                }
            }
        }

        // page paths: fresh for dirty days, as last built for the others
        Map<LocalDate, List<Event>> loaded = new HashMap<>();
        Map<LocalDate, PageAssignment> assigned = new HashMap<>();
        Map<String, List<String>> paths = new HashMap<>();
        for (EventSummary e : summaries) {
            BuildState.EventState old = before.events.get(e.id());
            if (!dirty.contains(e.day()) && old != null) {
                paths.put(e.id(), old.paths());
            }
        }
        for (LocalDate day : days) {
            if (dirty.contains(day)) {
                assignPaths(day, paths);
            }
        }
        for (EventSummary e : summaries) {
            if (!paths.containsKey(e.id())) {
                assignPaths(e.day(), paths); // unknown to the last build: render it
                dirty.add(e.day());
            }
        }

        // related lists: an event on a clean day is rendered again only when its list changed
        Map<String, List<MarkdownRenderer.RelatedLink>> relatedLinks = new HashMap<>();
        Set<String> render = new HashSet<>();
        for (EventSummary e : summaries) {
            List<MarkdownRenderer.RelatedLink> links = new ArrayList<>();
            List<String> digestParts = new ArrayList<>();
            for (RelatedIndex.Related r : related.relatedTo(e.id())) {
                EventSummary other = byId.get(r.id());
                List<String> otherPaths = paths.get(r.id());
                List<String> shared = new ArrayList<>();
                r.shared().forEach(k -> shared.add(titles.title(k)));
                shared.sort(String.CASE_INSENSITIVE_ORDER.thenComparing(Comparator.naturalOrder()));
                String path = otherPaths.get(otherPaths.size() - 1);
                links.add(new MarkdownRenderer.RelatedLink(other.text(), path, shared));
                digestParts.add(other.text());
                digestParts.add(path);
                digestParts.add(String.join("\u0001", shared));
            }
            String digest = BuildState.digest(digestParts);
            relatedLinks.put(e.id(), links);
            BuildState.EventState old = before.events.get(e.id());
            if (dirty.contains(e.day())
                    || old == null
                    || !old.relatedDigest().equals(digest)
                    || !allExist(paths.get(e.id()))) {
                render.add(e.id());
            }
            state.events.put(e.id(), new BuildState.EventState(e.day(), digest, paths.get(e.id())));
        }

        // render what changed; everything else stays as it is
        Set<String> wanted = new HashSet<>();
        long[] counts = new long[2];
        int done = 0;
        for (LocalDate day : days) {
            boolean wholeDay = dirty.contains(day);
            String index = Paths.dayPage(day, "md");
            List<Event> events = null;
            Map<String, SourceMeta> meta = null;
            for (EventSummary e : summariesOf(day, summaries)) {
                if (!render.contains(e.id())) {
                    wanted.addAll(paths.get(e.id()));
                    counts[1] += paths.get(e.id()).size();
                    continue;
                }
                if (events == null) {
                    events = load(day, loaded, assigned, paths);
                    meta = firstSourceMeta(events); // one query for the day's events
                }
                Event full = find(events, e.id());
                renderEvent(full, paths.get(e.id()), relatedLinks.get(e.id()), meta, wanted, counts);
            }
            if (wholeDay) {
                if (events == null) {
                    events = load(day, loaded, assigned, paths);
                }
                LocalDate[] n = neighbourDays(withCurrent, day);
                write(index, renderer.dayPage(day, n[0], n[1], events, assigned.get(day)), wanted, counts);
            } else if (state.pageHashes.containsKey(index) && Files.isRegularFile(out.resolve(index))) {
                wanted.add(index);
                counts[1]++;
            } else {
                if (events == null) {
                    events = load(day, loaded, assigned, paths);
                }
                LocalDate[] n = neighbourDays(withCurrent, day);
                write(index, renderer.dayPage(day, n[0], n[1], events, assigned.get(day)), wanted, counts);
            }
            state.neighbours.put(day, neighbours(withCurrent, day));
            loaded.remove(day);
            listener.day(day, ++done, days.size());
        }
        // a full build sweeps the folder for pages nobody wrote; an incremental one deletes
        // the pages the last build wrote that this one no longer wants
        long deleted = incremental ? deleteGone(before.pageHashes.keySet(), wanted) : deleteStale(wanted);
        state.pageHashes.keySet().retainAll(wanted);
        state.marks.put("archive", archive);
        state.marks.put("seq", Long.toString(seq));
        state.marks.put("meta-since", started.toString());
        if (!incremental || counts[0] > 0 || deleted > 0 || !state.sameAs(before)) {
            state.save(out);
        }
        return new BuildSummary(days.size(), wanted.size(), counts[0], counts[1], deleted);
    }

    private void renderEvent(
            Event e,
            List<String> paths,
            List<MarkdownRenderer.RelatedLink> links,
            Map<String, SourceMeta> meta,
            Set<String> wanted,
            long[] counts) {
        SourceMeta first = e.current().sources().isEmpty()
                ? null
                : meta.get(e.current().sources().get(0).url());
        MarkdownRenderer.EventContext ctx = new MarkdownRenderer.EventContext(paths, links, first);
        for (int k = 0; k < e.versions().size(); k++) {
            write(paths.get(k), renderer.eventPage(e, k, ctx), wanted, counts);
        }
    }

    /** What enrichment knows of the first source of each of {@code events}, by URL. */
    private Map<String, SourceMeta> firstSourceMeta(List<Event> events) {
        List<String> urls = new ArrayList<>();
        for (Event e : events) {
            if (!e.current().sources().isEmpty()) {
                urls.add(e.current().sources().get(0).url());
            }
        }
        return urls.isEmpty() ? Map.of() : store.sourceMeta(urls);
    }

    /**
     * Assigns the page paths of a day's events without keeping the events: memory holds paths
     * for the whole archive but events for one day at a time (the day is read again to render).
     */
    private void assignPaths(LocalDate day, Map<String, List<String>> paths) {
        List<Event> events = store.events(day);
        PageAssignment pages = PageAssignment.of(events);
        for (Event e : events) {
            paths.put(e.id(), pages.paths(e.id()));
        }
    }

    private List<Event> load(
            LocalDate day,
            Map<LocalDate, List<Event>> loaded,
            Map<LocalDate, PageAssignment> assigned,
            Map<String, List<String>> paths) {
        List<Event> events = loaded.get(day);
        if (events == null) {
            events = store.events(day);
            PageAssignment pages = PageAssignment.of(events);
            loaded.put(day, events);
            assigned.put(day, pages);
            for (Event e : events) {
                paths.put(e.id(), pages.paths(e.id()));
            }
        }
        return events;
    }

    /** True when every page was written by the last build and is still there. */
    private boolean allExist(List<String> pages) {
        for (String p : pages) {
            if (!state.pageHashes.containsKey(p) || !Files.isRegularFile(out.resolve(p))) {
                return false;
            }
        }
        return true;
    }

    private static Event find(List<Event> events, String id) {
        for (Event e : events) {
            if (e.id().equals(id)) {
                return e;
            }
        }
        throw new IllegalStateException("event " + id + " is in the archive's summary but not on its day");
    }

    private static List<EventSummary> summariesOf(LocalDate day, List<EventSummary> all) {
        // summaries are ordered by day: a binary search finds the day's run
        int lo = 0;
        int hi = all.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (all.get(mid).day().isBefore(day)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        int end = lo;
        while (end < all.size() && all.get(end).day().equals(day)) {
            end++;
        }
        return all.subList(lo, end);
    }

    private static LocalDate[] neighbourDays(java.util.TreeSet<LocalDate> withCurrent, LocalDate day) {
        return new LocalDate[] {withCurrent.lower(day), withCurrent.higher(day)};
    }

    private static String neighbours(java.util.TreeSet<LocalDate> withCurrent, LocalDate day) {
        LocalDate[] n = neighbourDays(withCurrent, day);
        return n[0] + "|" + n[1];
    }

    /** A random id for the archive, kept in the store, so that a build knows what it built. */
    private String archiveId() {
        long id = store.mark("archive-id");
        if (id == 0) {
            id = new java.security.SecureRandom().nextLong() & Long.MAX_VALUE;
            store.setMark("archive-id", id == 0 ? 1 : id);
        }
        return Long.toString(id);
    }

    private void write(String relative, String content, Set<String> wanted, long[] counts) {
        if (!wanted.add(relative)) {
            throw new IllegalStateException("two pages claim the path " + relative);
        }
        Path file = out.resolve(relative);
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        String hash = BuildState.hash(bytes);
        try {
            // the manifest says what the last build wrote; a file of that size is taken to be
            // it, so an unchanged archive is checked without reading its pages back
            String known = state.pageHashes.get(relative);
            boolean same = Files.isRegularFile(file)
                    && Files.size(file) == bytes.length
                    && (known != null ? known.equals(hash) : Arrays.equals(Files.readAllBytes(file), bytes));
            state.pageHashes.put(relative, hash);
            if (same) {
                counts[1]++;
                return;
            }
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(tmp, bytes);
            Files.move(
                    tmp,
                    file,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            counts[0]++;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Deletes Markdown pages under news/ that this build did not produce, and emptied folders. */
    /** Deletes the pages of {@code before} that are not {@code wanted}, and folders left empty. */
    private long deleteGone(Set<String> before, Set<String> wanted) {
        long deleted = 0;
        Set<Path> parents = new HashSet<>();
        for (String page : before) {
            if (!wanted.contains(page)) {
                Path file = out.resolve(page);
                delete(file);
                parents.add(file.getParent());
                deleted++;
            }
        }
        for (Path dir : parents) {
            for (Path d = dir; d != null && d.startsWith(out.resolve("news")) && !d.equals(out); d = d.getParent()) {
                try (Stream<Path> s = Files.list(d)) {
                    if (s.findAny().isPresent()) {
                        break;
                    }
                } catch (IOException e) {
                    break; // already gone
                }
                delete(d);
            }
        }
        return deleted;
    }

    private long deleteStale(Set<String> wanted) {
        Path news = out.resolve("news");
        if (!Files.isDirectory(news)) {
            return 0;
        }
        long[] deleted = {0};
        List<Path> dirs = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(news)) {
            walk.forEach(p -> {
                if (Files.isDirectory(p)) {
                    dirs.add(p);
                    return;
                }
                String rel = out.relativize(p).toString().replace('\\', '/');
                if ((rel.endsWith(".md") || rel.endsWith(".md.tmp")) && !wanted.contains(rel)) {
                    delete(p);
                    deleted[0]++;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + news, e);
        }
        dirs.sort(Comparator.comparingInt((Path p) -> p.getNameCount()).reversed());
        for (Path d : dirs) {
            try (Stream<Path> s = Files.list(d)) {
                if (s.findAny().isEmpty()) {
                    delete(d);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + d, e);
            }
        }
        return deleted[0];
    }

    private static void delete(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + p, e);
        }
    }

    /** Does nothing with progress. */
    public static Listener quiet() {
        return (day, done, total) -> {};
    }

    /** Adapts a consumer of progress lines. */
    public static Listener lines(Consumer<String> sink) {
        return (day, done, total) -> sink.accept("build: " + done + " of " + total + " days (" + day + ")");
    }
}
