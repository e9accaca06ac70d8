/**
 * The day-page parser: turns the wikitext of one revision of a day page, of any era of the portal, into its events (category, stories, plain text, links, sources). One public entry point, DayPageParser; the scanner and its states are package-private. Messy wikitext is normal input: problems are recorded, never thrown.
 */
package org.currents.wikitext;
