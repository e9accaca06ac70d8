package org.currents.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.currents.enrich.Enricher;
import org.currents.model.SourceMeta;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code currents meta URL}: fetches one URL through the enrichment fetcher and prints what
 * currents learns from it as JSON, the fields of {@link SourceMeta}. Exit code 0 when the page
 * was fetched and read, 1 otherwise (the JSON still says why).
 */
@Command(
        name = "meta",
        header = "Fetch one URL as enrich would and print its metadata as JSON.",
        description = "Fetch one URL as enrich would and print the extracted metadata as JSON.",
        mixinStandardHelpOptions = true)
final class MetaCommand implements Callable<Integer> {
    /**
     * Made when the command runs, not when the command line is set up: every command loads this
     * class, and a mapper takes tens of milliseconds of class loading.
     */
    private static final class Indented {
        static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "URL", description = "The URL to fetch.")
    String url;

    @Option(names = "--day", paramLabel = "YYYY-MM-DD", description = "The day the URL was cited (for --wayback).")
    LocalDate day;

    @Mixin
    FetchFlags flags = new FetchFlags();

    @Override
    public Integer call() throws InterruptedException, JsonProcessingException {
        SourceMeta meta;
        try (Enricher enricher =
                Enricher.of(flags.options().delay(java.time.Duration.ZERO).build())) {
            meta = enricher.meta(url, day);
        }
        if (meta.outcome().equals("bad-url") && meta.httpStatus() == 0) {
            // nothing was fetched: the URL given is the mistake (a redirect to file: is the site's)
            throw new UsageException("not an http(s) URL: " + url);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(Indented.MAPPER.writeValueAsString(json(meta)));
        out.flush();
        if (!meta.ok()) {
            PrintWriter err = spec.commandLine().getErr();
            boolean redirected = meta.outcome().equals("bad-url") && meta.httpStatus() / 100 == 3;
            err.println("currents: meta: " + url + ": " + meta.outcome()
                    + (redirected ? " (HTTP " + meta.httpStatus() + " redirected to a URL that is not http(s))" : ""));
            err.flush();
            return 1;
        }
        return 0;
    }

    /** The JSON object of a {@link SourceMeta}: every field, in record order, absent ones null. */
    static Map<String, Object> json(SourceMeta m) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("url", m.url());
        o.put("finalUrl", m.finalUrl());
        o.put("httpStatus", m.httpStatus());
        o.put("outcome", m.outcome());
        o.put("fetchedAt", m.fetchedAt().toString());
        o.put("title", m.title());
        o.put("description", m.description());
        o.put("image", m.image());
        o.put("siteName", m.siteName());
        o.put("published", m.published());
        o.put("modified", m.modified());
        o.put("canonicalUrl", m.canonicalUrl());
        o.put("language", m.language());
        o.put("author", m.author());
        o.put("archiveUrl", m.archiveUrl());
        return o;
    }
}
