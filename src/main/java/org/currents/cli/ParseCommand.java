package org.currents.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.currents.model.ParsedEvent;
import org.currents.model.Problem;
import org.currents.model.Source;
import org.currents.wikitext.DayPageParser;
import org.currents.wikitext.ParseResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code currents parse FILE.wiki}: how currents reads one page, as JSON Lines. */
@Command(
        name = "parse",
        header = "Print the events of one day page's wikitext as JSON Lines.",
        mixinStandardHelpOptions = true,
        description = "Print the events of one day page's wikitext as JSON Lines, one object per event: day, "
                + "category, stories, text, links, sources (url, outlet), position, line, unsourced. "
                + "Parse problems go to stderr.")
final class ParseCommand implements Callable<Integer> {
    private static final Pattern FILE_DAY = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})");
    private static final Pattern TEMPLATE_DAY =
            Pattern.compile("year=(\\d{4})\\s*\\|\\s*month=(\\d{1,2})\\s*\\|\\s*day=(\\d{1,2})");

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE.wiki", description = "A file of wikitext (UTF-8); '-' for stdin.")
    String file;

    @Option(
            names = "--day",
            paramLabel = "YYYY-MM-DD",
            description = "The page's day (default: read from the file name or the page's template).")
    String day;

    @Option(names = "--quiet", description = "Do not print parse problems.")
    boolean quiet;

    @Override
    public Integer call() throws IOException {
        String text = read();
        LocalDate d = day(text);
        ParseResult result = DayPageParser.create().parse(text);
        PrintWriter out = spec.commandLine().getOut();
        for (ParsedEvent e : result.events()) {
            out.println(Json.MAPPER.writeValueAsString(toJson(d, e)));
        }
        out.flush();
        if (!quiet) {
            PrintWriter err = spec.commandLine().getErr();
            for (Problem p : result.problems()) {
                err.println(file + ":" + p);
            }
            if (result.problemCount() > result.problems().size()) {
                err.println(file + ": ... "
                        + (result.problemCount() - result.problems().size()) + " more problems");
            }
            err.flush();
        }
        return Currents.OK;
    }

    private String read() throws IOException {
        try {
            if (file.equals("-")) {
                return new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
            }
            return Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            // the same mistake as `import` of a missing file: a usage error
            throw new UsageException("no such file: " + file);
        } catch (MalformedInputException e) {
            throw new IOException(file + " is not UTF-8 text", e);
        } catch (IOException e) {
            if (Files.isDirectory(Path.of(file))) {
                throw new UsageException(file + " is a folder; give a file of wikitext");
            }
            throw new IOException("cannot read " + file + ": " + Failures.reason(e), e);
        }
    }

    private LocalDate day(String text) {
        try {
            if (day != null) {
                return LocalDate.parse(day);
            }
        } catch (DateTimeParseException e) {
            throw new UsageException("--day must be YYYY-MM-DD: " + day);
        }
        Matcher m = FILE_DAY.matcher(Path.of(file).getFileName().toString());
        try {
            if (m.find()) {
                return LocalDate.parse(m.group(1));
            }
            m = TEMPLATE_DAY.matcher(text);
            if (m.find()) {
                return LocalDate.of(
                        Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            }
        } catch (java.time.DateTimeException e) {
            return null;
        }
        return null;
    }

    /** The JSON object of one parsed event (the {@code parse} contract). */
    static Map<String, Object> toJson(LocalDate day, ParsedEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("day", day == null ? null : day.toString());
        m.put("category", e.category());
        m.put("stories", e.stories());
        m.put("text", e.text());
        m.put("links", e.links());
        List<Map<String, String>> sources = new ArrayList<>();
        for (Source s : e.sources()) {
            Map<String, String> o = new LinkedHashMap<>();
            o.put("url", s.url());
            o.put("outlet", s.outlet());
            sources.add(o);
        }
        m.put("sources", sources);
        m.put("position", e.position());
        m.put("line", e.line());
        m.put("unsourced", e.unsourced());
        return m;
    }
}
