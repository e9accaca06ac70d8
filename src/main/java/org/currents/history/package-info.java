/**
 * Follows events across revisions: identity between consecutive revisions, versions, reverts, removals and moves between day pages. The Importer is the one code path from any RevisionSource into the store.
 */
package org.currents.history;
