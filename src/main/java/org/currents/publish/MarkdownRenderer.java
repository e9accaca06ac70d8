package org.currents.publish;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.currents.model.Event;
import org.currents.model.EventStatus;
import org.currents.model.EventVersion;
import org.currents.model.Source;
import org.currents.model.SourceMeta;

/**
 * Renders the Markdown archive's pages exactly as SPEC.md lays them out: one page per version
 * of every event, and one index page per day. Every text is escaped ({@link Markdown}).
 */
public final class MarkdownRenderer implements Renderer {
    static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    @Override
    public String extension() {
        return "md";
    }

    /** The page of version {@code page.index()} (0-based) of {@code page.event()}. */
    @Override
    public String eventPage(Views.EventPage ctx, Views.Site site) {
        Event event = ctx.event();
        int index = ctx.index();
        List<EventVersion> versions = event.versions();
        EventVersion v = versions.get(index);
        boolean current = index == versions.size() - 1;
        StringBuilder md = new StringBuilder(2048);
        md.append("### [")
                .append(Paths.dayLabel(event.day()))
                .append("](")
                .append(link(Paths.dayPage(event.day())))
                .append(")\n\n");
        md.append("# ").append(Markdown.escape(v.text())).append('\n');
        List<String> notes = notes(event, index, ctx.versionPaths());
        if (!notes.isEmpty()) {
            md.append('\n');
            for (String n : notes) {
                md.append(n).append('\n');
            }
        }
        SourceMeta meta = ctx.firstSource();
        if (meta != null && meta.description() != null && !meta.description().isBlank()) {
            md.append('\n').append(Markdown.escape(meta.description().strip())).append('\n');
        }
        List<Source> sources = v.sources();
        boolean first = true;
        if (!sources.isEmpty()) {
            md.append("\n\n### Source:\n\n");
            for (Source s : sources) {
                md.append("1. [")
                        .append(Markdown.escape(s.outlet()))
                        .append("](")
                        .append(Markdown.url(s.url()))
                        .append(")\n");
            }
            if (meta != null
                    && meta.image() != null
                    && !Markdown.url(meta.image()).equals("#")) {
                md.append("1. [Cover Image](")
                        .append(Markdown.url(meta.image()))
                        .append(")\n");
            }
            first = false;
        }
        if (!ctx.related().isEmpty()) {
            md.append(first ? "\n\n" : "\n").append("### Related:\n\n");
            int n = 1;
            for (Views.RelatedLink r : ctx.related()) {
                md.append(n++)
                        .append(". [")
                        .append(Markdown.escape(r.text()))
                        .append("](")
                        .append(link(r.path()))
                        .append(") _Context: ")
                        .append(Markdown.escape(String.join(", ", r.contexts())))
                        .append("_\n");
            }
            first = false;
        }
        md.append(first ? "\n\n" : "\n").append("### Changes:\n\n");
        for (int k = 0; k < versions.size(); k++) {
            EventVersion x = versions.get(k);
            md.append(k + 1)
                    .append(". [")
                    .append(Markdown.escape(x.text()))
                    .append("](")
                    .append(link(ctx.versionPaths().get(k)))
                    .append(") _");
            if (k == versions.size() - 1) {
                md.append(event.status() == EventStatus.CURRENT ? "(Current version)" : "(Last version)");
            } else {
                md.append(TIME.format(x.timestamp())).append(k == 0 ? " (First version)" : " (Update)");
            }
            md.append("_\n");
        }
        return md.toString();
    }

    /** Lines under the heading: which version this is, and whether the event moved or went. */
    private List<String> notes(Event event, int index, List<String> versionPaths) {
        List<String> out = new ArrayList<>();
        List<EventVersion> versions = event.versions();
        if (index < versions.size() - 1) {
            EventVersion v = versions.get(index);
            out.add("_Version " + (index + 1) + " of " + versions.size() + " ("
                    + (index == 0 ? "First version" : "Update") + "), " + TIME.format(v.timestamp())
                    + ". [Newest version](" + link(versionPaths.get(versions.size() - 1)) + ")_");
        }
        if (!event.movedFrom().isEmpty()) {
            List<String> days = new ArrayList<>();
            for (LocalDate d : event.movedFrom()) {
                days.add("[" + Paths.dayLabel(d) + "](" + link(Paths.dayPage(d)) + ")");
            }
            out.add("_Moved here from " + String.join(", ", days) + "._");
        }
        if (event.status() == EventStatus.REMOVED && event.removedAt() != null) {
            out.add("_Removed from the day page on " + TIME.format(event.removedAt()) + " (revision "
                    + event.removedRevisionId() + ")._");
        }
        return out;
    }

    /**
     * A day's index page: the date, links to the previous and next day with events, then every
     * current event under its category heading, in page order, nested under its story titles,
     * then the events removed from the page.
     */
    @Override
    public String dayPage(Views.DayPage page, Views.Site site) {
        LocalDate day = page.day();
        LocalDate previous = page.previous();
        LocalDate next = page.next();
        List<Event> events = page.events();
        StringBuilder md = new StringBuilder(4096);
        md.append("# ").append(Paths.dayLabel(day)).append('\n');
        if (previous != null || next != null) {
            md.append('\n');
            if (previous != null) {
                md.append("[← ")
                        .append(Paths.dayLabel(previous))
                        .append("](")
                        .append(link(Paths.dayPage(previous)))
                        .append(')');
            }
            if (previous != null && next != null) {
                md.append(" | ");
            }
            if (next != null) {
                md.append('[')
                        .append(Paths.dayLabel(next))
                        .append(" →](")
                        .append(link(Paths.dayPage(next)))
                        .append(')');
            }
            md.append('\n');
        }
        String category = null;
        List<String> open = new ArrayList<>();
        for (Event e : events) {
            if (e.status() != EventStatus.CURRENT) {
                continue;
            }
            if (category == null || !category.equals(e.category())) {
                category = e.category();
                open.clear();
                md.append('\n');
                if (!category.isEmpty()) {
                    md.append("### ").append(Markdown.escape(category)).append("\n\n");
                }
            }
            int shared = 0;
            while (shared < open.size()
                    && shared < e.stories().size()
                    && open.get(shared).equals(e.stories().get(shared))) {
                shared++;
            }
            while (open.size() > shared) {
                open.remove(open.size() - 1);
            }
            for (int k = shared; k < e.stories().size(); k++) {
                md.append("    ".repeat(k))
                        .append("1. ")
                        .append(Markdown.escape(e.stories().get(k)))
                        .append('\n');
                open.add(e.stories().get(k));
            }
            md.append("    ".repeat(e.stories().size()))
                    .append("1. [")
                    .append(Markdown.escape(e.text()))
                    .append("](")
                    .append(link(page.current(e.id())))
                    .append(")\n");
        }
        boolean removedHeading = false;
        for (Event e : events) {
            if (e.status() == EventStatus.CURRENT) {
                continue;
            }
            if (!removedHeading) {
                md.append("\n### Removed from the page\n\n");
                removedHeading = true;
            }
            md.append("1. [")
                    .append(Markdown.escape(e.text()))
                    .append("](")
                    .append(link(page.current(e.id())))
                    .append(")\n");
        }
        return md.toString();
    }
}
