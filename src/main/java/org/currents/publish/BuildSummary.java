package org.currents.publish;

import java.util.List;

/**
 * What a build did.
 *
 * @param days day pages in the archive
 * @param pages pages in the site (every format)
 * @param written pages written because they were new or changed
 * @param unchanged pages left as they were
 * @param deleted pages deleted because they no longer exist
 * @param failed problems: pages that could not be drawn (the rest was built)
 * @param problems the first {@link SiteBuilder#PROBLEMS_LISTED} problems, each naming its page
 */
public record BuildSummary(
        int days, long pages, long written, long unchanged, long deleted, long failed, List<String> problems) {
    public BuildSummary {
        problems = List.copyOf(problems);
    }
}
