/**
 * Contexts (story titles and link targets, normalised) and related events, ranked by shared contexts with an inverted index.
 */
package org.currents.relate;
