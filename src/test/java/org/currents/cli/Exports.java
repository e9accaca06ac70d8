package org.currents.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Cuts generated exports (one element per line, as gen_corpus.py writes them) into other exports. */
final class Exports {
    private static final Pattern PAGE = Pattern.compile("  <page>\n.*?  </page>\n", Pattern.DOTALL);
    private static final Pattern REVISION = Pattern.compile("    <revision>\n.*?    </revision>\n", Pattern.DOTALL);

    private Exports() {}

    /** The {@code <page>} blocks of {@code xml}, in order. */
    static List<String> pages(String xml) {
        List<String> out = new ArrayList<>();
        Matcher m = PAGE.matcher(xml);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    /** The same export with only the first {@code pages} pages. */
    static String firstPages(String xml, int pages) {
        List<String> all = pages(xml);
        int start = xml.indexOf(all.get(0));
        return xml.substring(0, start) + String.join("", all.subList(0, pages)) + "</mediawiki>\n";
    }

    /** The same export with only the first {@code revisions} revisions of each page. */
    static String firstRevisions(String xml, int revisions) {
        StringBuilder out = new StringBuilder();
        Matcher pages = PAGE.matcher(xml);
        int last = 0;
        while (pages.find()) {
            out.append(xml, last, pages.start());
            String page = pages.group();
            Matcher revs = REVISION.matcher(page);
            int kept = 0;
            int end = -1;
            while (revs.find() && kept++ < revisions) {
                end = revs.end();
            }
            out.append(page, 0, end).append("  </page>\n");
            last = pages.end();
        }
        return out.append(xml.substring(last)).toString();
    }
}
