package org.currents.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes small MediaWiki XML exports for tests: day pages with revisions whose text is built
 * from bullet lines, so that a test reads as the history it checks.
 */
public final class ExportBuilder {
    private final StringBuilder xml =
            new StringBuilder("<mediawiki xmlns=\"http://www.mediawiki.org/xml/export-0.11/\" version=\"0.11\">\n");
    private boolean inPage;
    private long pageId = 1000;

    /** Starts a page titled {@code title}. */
    public ExportBuilder page(String title) {
        endPage();
        xml.append("  <page>\n    <title>")
                .append(escape(title))
                .append("</title>\n    <ns>100</ns>\n    <id>")
                .append(pageId++)
                .append("</id>\n");
        inPage = true;
        return this;
    }

    /** Adds a revision by {@code user} at {@code time} whose text is {@code text} exactly. */
    public ExportBuilder revision(long id, String time, String user, String comment, String text) {
        xml.append("    <revision>\n      <id>")
                .append(id)
                .append("</id>\n      <timestamp>")
                .append(Instant.parse(time))
                .append("</timestamp>\n      <contributor><username>")
                .append(escape(user))
                .append("</username></contributor>\n");
        if (!comment.isEmpty()) {
            xml.append("      <comment>").append(escape(comment)).append("</comment>\n");
        }
        xml.append("      <text xml:space=\"preserve\">").append(escape(text)).append("</text>\n    </revision>\n");
        return this;
    }

    /** A day page text in the 2017 layout with the given lines between the markers. */
    public static String day(String... lines) {
        List<String> all = new ArrayList<>();
        all.add("{{Current events|year=2017|month=07|day=9|content=");
        all.add("<!-- All news items below this line -->");
        all.addAll(List.of(lines));
        all.add("<!-- All news items above this line -->}}");
        return String.join("\n", all);
    }

    /** Writes the export to {@code file}. */
    public Path write(Path file) {
        endPage();
        try {
            Files.writeString(file, xml + "</mediawiki>\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private void endPage() {
        if (inPage) {
            xml.append("  </page>\n");
            inPage = false;
        }
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
