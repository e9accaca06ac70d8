/**
 * Reads MediaWiki XML exports and dumps (schema 0.10 and 0.11; plain, gzip or bzip2) with a streaming StAX reader, keeps Current events day pages and hands their revisions to a sink. Memory stays flat whatever the file size.
 */
package org.currents.source.dump;
