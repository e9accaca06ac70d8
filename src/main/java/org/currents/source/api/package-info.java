/**
 * Pulls the revisions of day pages from a live MediaWiki Action API, politely and incrementally, and hands them to the same sink as the dump reader.
 */
package org.currents.source.api;
