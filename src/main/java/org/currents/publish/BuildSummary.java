package org.currents.publish;

/**
 * What a build did.
 *
 * @param days day pages in the archive
 * @param pages pages in the archive (day pages and event pages)
 * @param written pages written because they were new or changed
 * @param unchanged pages left as they were
 * @param deleted pages deleted because they no longer exist
 */
public record BuildSummary(int days, long pages, long written, long unchanged, long deleted) {}
