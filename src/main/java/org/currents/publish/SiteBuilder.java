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
    private BuildManifest manifest;

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

    /** What the first pass learns of every event. */
    private record Indexed(String text, String path) {}

    /**
     * Builds the archive.
     *
     * @throws UncheckedIOException when a page cannot be written, naming it
     */
    public BuildSummary build(Listener listener) {
        ContextIndexer.refresh(store);
        manifest = BuildManifest.load(out);
        List<LocalDate> days = store.days();
        Map<String, Indexed> indexed = new HashMap<>();
        List<RelatedIndex.Entry> entries = new ArrayList<>();
        ContextTitles titles = new ContextTitles();
        List<LocalDate> withCurrent = new ArrayList<>();
        for (LocalDate day : days) {
            List<Event> events = store.events(day);
            PageAssignment pages = PageAssignment.of(events);
            boolean current = false;
            for (Event e : events) {
                indexed.put(e.id(), new Indexed(e.text(), pages.current(e.id())));
                List<String> keys = new ArrayList<>();
                for (Context c : e.contexts()) {
                    keys.add(c.key());
                    titles.add(c);
                }
                boolean live = e.status() == EventStatus.CURRENT;
                current |= live;
                entries.add(new RelatedIndex.Entry(e.id(), e.day(), e.position(), keys, live && !e.unsourced()));
            }
            if (current) {
                withCurrent.add(day);
            }
        }
        RelatedIndex related = RelatedIndex.of(entries);
        Set<String> wanted = new HashSet<>();
        long[] counts = new long[2];
        int done = 0;
        for (LocalDate day : days) {
            List<Event> events = store.events(day);
            PageAssignment pages = PageAssignment.of(events);
            Map<String, SourceMeta> meta = firstSourceMeta(events);
            for (Event e : events) {
                List<MarkdownRenderer.RelatedLink> links = new ArrayList<>();
                for (RelatedIndex.Related r : related.relatedTo(e.id())) {
                    Indexed other = indexed.get(r.id());
                    List<String> shared = new ArrayList<>();
                    r.shared().forEach(k -> shared.add(titles.title(k)));
                    shared.sort(String.CASE_INSENSITIVE_ORDER.thenComparing(Comparator.naturalOrder()));
                    links.add(new MarkdownRenderer.RelatedLink(other.text(), other.path(), shared));
                }
                SourceMeta first = e.current().sources().isEmpty()
                        ? null
                        : meta.get(e.current().sources().get(0).url());
                MarkdownRenderer.EventContext ctx =
                        new MarkdownRenderer.EventContext(pages.paths(e.id()), links, first);
                for (int k = 0; k < e.versions().size(); k++) {
                    write(pages.paths(e.id()).get(k), renderer.eventPage(e, k, ctx), wanted, counts);
                }
            }
            int at = withCurrent.indexOf(day);
            LocalDate prev = previous(withCurrent, day);
            LocalDate next = at >= 0
                    ? (at + 1 < withCurrent.size() ? withCurrent.get(at + 1) : null)
                    : following(withCurrent, day);
            write(Paths.dayPage(day, "md"), renderer.dayPage(day, prev, next, events, pages), wanted, counts);
            listener.day(day, ++done, days.size());
        }
        long deleted = deleteStale(wanted);
        manifest.retain(wanted);
        manifest.save();
        return new BuildSummary(days.size(), wanted.size(), counts[0], counts[1], deleted);
    }

    private static LocalDate previous(List<LocalDate> days, LocalDate day) {
        LocalDate best = null;
        for (LocalDate d : days) {
            if (d.isBefore(day)) {
                best = d;
            }
        }
        return best;
    }

    private static LocalDate following(List<LocalDate> days, LocalDate day) {
        for (LocalDate d : days) {
            if (d.isAfter(day)) {
                return d;
            }
        }
        return null;
    }

    private Map<String, SourceMeta> firstSourceMeta(List<Event> events) {
        List<String> urls = new ArrayList<>();
        for (Event e : events) {
            if (!e.current().sources().isEmpty()) {
                urls.add(e.current().sources().get(0).url());
            }
        }
        return urls.isEmpty() ? Map.of() : store.sourceMeta(urls);
    }

    private void write(String relative, String content, Set<String> wanted, long[] counts) {
        if (!wanted.add(relative)) {
            throw new IllegalStateException("two pages claim the path " + relative);
        }
        Path file = out.resolve(relative);
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        String hash = BuildManifest.hash(bytes);
        try {
            // the manifest says what the last build wrote; a file of that size is taken to be
            // it, so an unchanged archive is checked without reading its pages back
            String known = manifest.hash(relative);
            boolean same = Files.isRegularFile(file)
                    && Files.size(file) == bytes.length
                    && (known != null ? known.equals(hash) : Arrays.equals(Files.readAllBytes(file), bytes));
            manifest.put(relative, hash);
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
