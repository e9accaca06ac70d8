package org.currents.wikitext;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.currents.model.ParsedEvent;
import org.currents.model.Source;

/** Test helpers: parse lines of wikitext, build expected events, read fixtures. */
final class Wikitext {
    /** Where the checked-in fixtures live (see the README there). */
    static final Path FIXTURES = Path.of("src/test/resources/wikitext");

    /** The read-only shared folder next to the worktree: corpus and tools. */
    static final Path SHARED = Path.of("../shared");

    /** A citation to put at the end of a bullet so that it is an event. */
    static final String CITE = "[https://news.example/a (Outlet)]";

    static final Source CITED = source("https://news.example/a", "Outlet");

    private Wikitext() {}

    /** Parses the lines, joined with newlines, with a fresh default parser. */
    static ParseResult parse(String... lines) {
        return DayPageParser.create().parse(String.join("\n", lines));
    }

    /** The one event of the lines; fails when there is not exactly one. */
    static ParsedEvent onlyEvent(String... lines) {
        ParseResult r = parse(lines);
        assertThat(r.events()).as("events of %s", String.join("\\n", lines)).hasSize(1);
        return r.events().get(0);
    }

    /** The problems of a result as "line:column: message". */
    static List<String> problems(ParseResult r) {
        List<String> out = new ArrayList<>();
        r.problems().forEach(p -> out.add(p.toString()));
        return out;
    }

    static Source source(String url, String outlet) {
        return new Source(url, outlet);
    }

    static String fixture(String name) {
        try {
            return Files.readString(FIXTURES.resolve(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An expected event, built field by field; position and line default to 1. */
    static Expected event(String text) {
        return new Expected(text);
    }

    static final class Expected {
        private final String text;
        private String category = "";
        private List<String> stories = List.of();
        private List<String> links = List.of();
        private List<Source> sources = List.of();
        private int position = 1;
        private int line = 1;

        private Expected(String text) {
            this.text = text;
        }

        Expected category(String c) {
            category = c;
            return this;
        }

        Expected stories(String... s) {
            stories = List.of(s);
            return this;
        }

        Expected links(String... l) {
            links = List.of(l);
            return this;
        }

        Expected sources(Source... s) {
            sources = List.of(s);
            return this;
        }

        Expected at(int position, int line) {
            this.position = position;
            this.line = line;
            return this;
        }

        ParsedEvent sourced() {
            return new ParsedEvent(category, stories, text, links, sources, position, line, false);
        }

        ParsedEvent unsourced() {
            return new ParsedEvent(category, stories, text, links, List.of(), position, line, true);
        }
    }
}
