package org.currents.store;

import java.time.Instant;

/**
 * A revision as the store keeps it (its text only with {@code --keep-wikitext}).
 *
 * @param id MediaWiki revision id
 * @param parentId the revision it was edited from, or 0
 * @param timestamp when it was saved
 * @param contributor user name or IP
 * @param comment edit summary
 * @param sha1 40 hex digits, or empty
 * @param textHidden true when the wiki hides its text
 * @param eventCount events the parser read off it
 * @param problemCount problems the parser recorded
 * @param baseId its predecessor in the page's edit tree: the previous newest revision, or the
 *     earlier revision it reverted to (0 for the first revision)
 * @param reverted true when it is not on the page's live path (undone by a revert)
 */
public record StoredRevision(
        long id,
        long parentId,
        Instant timestamp,
        String contributor,
        String comment,
        String sha1,
        boolean textHidden,
        int eventCount,
        int problemCount,
        long baseId,
        boolean reverted) {}
