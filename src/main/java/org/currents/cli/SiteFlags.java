package org.currents.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import org.currents.publish.BuildSummary;
import org.currents.publish.SiteBuilder;
import org.currents.publish.WebLinks;
import org.currents.store.ArchiveStore;
import picocli.CommandLine.Option;

/** The options of every command that builds the site: {@code build}, {@code demo}, {@code watch --out}. */
final class SiteFlags {
    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            description = "md (the Markdown archive) or html (the HTML site with its feeds); default: both, side "
                    + "by side at the same paths.")
    String format;

    @Option(
            names = "--wiki",
            paramLabel = "URL",
            defaultValue = SiteBuilder.DEFAULT_WIKI,
            description = "The wiki's index.php that revision and history links point to (default: ${DEFAULT-VALUE}).")
    String wiki;

    @Option(
            names = "--base-url",
            paramLabel = "URL",
            defaultValue = SiteBuilder.DEFAULT_BASE_URL,
            description =
                    "Where the site will be served from, for the sitemap, feeds and Open Graph (default: ${DEFAULT-VALUE}).")
    String baseUrl;

    @Option(
            names = "--force",
            description = "Build into a non-empty folder that holds no currents build. A build only ever deletes "
                    + "pages a build of currents wrote there.")
    boolean force;

    @Option(
            names = "--full",
            description = "Plan the whole site, not only what changed since the last build: every page is looked "
                    + "at, and one that is missing (deleted by hand) is written again. A build after a small "
                    + "change otherwise draws only the pages it reaches and trusts the others to be there.")
    boolean full;

    /** The formats asked for. */
    Set<SiteBuilder.Format> formats() {
        if (format == null) {
            return EnumSet.allOf(SiteBuilder.Format.class);
        }
        switch (format) {
            case "md":
                return EnumSet.of(SiteBuilder.Format.MARKDOWN);
            case "html":
                return EnumSet.of(SiteBuilder.Format.HTML);
            default:
                throw new UsageException("--format must be md or html: " + format);
        }
    }

    /** A builder of {@code store}'s site into {@code out} with these options; usage errors exit 2. */
    SiteBuilder builder(ArchiveStore store, Path out) {
        check(out);
        try {
            return SiteBuilder.of(store, out)
                    .formats(formats())
                    .wiki(wiki)
                    .baseUrl(baseUrl)
                    .force(force)
                    .full(full);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** Checks the options before any work is done. */
    void check(Path out) {
        if (out != null && out.toString().isEmpty()) {
            throw new UsageException("--out must name a folder");
        }
        formats();
        if (!WebLinks.isWeb(wiki)) {
            throw new UsageException("--wiki must be an http(s) URL: " + wiki);
        }
        if (!WebLinks.isWeb(baseUrl)) {
            throw new UsageException("--base-url must be an http(s) URL: " + baseUrl);
        }
    }

    /** Builds, turning a refusal to build into a foreign folder into a usage error. */
    static BuildSummary build(SiteBuilder builder, SiteBuilder.Listener listener) {
        try {
            return builder.build(listener);
        } catch (SiteBuilder.ForeignFolderException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** Lists a build's problems on {@code err}. */
    static void problems(PrintWriter err, BuildSummary s) {
        for (String p : s.problems()) {
            err.println("currents: build: " + p);
        }
        if (s.failed() > s.problems().size()) {
            err.println("currents: build: and " + (s.failed() - s.problems().size()) + " more problems");
        }
        err.flush();
    }
}
