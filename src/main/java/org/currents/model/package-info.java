/**
 * The records every stage of currents speaks: revisions of day pages as they come from a
 * source, events as the parser reads them off one revision, and the archive's events, versions,
 * contexts and source metadata. Records only: no behaviour beyond validation and small derived
 * views, and no dependency on any other package of currents.
 */
package org.currents.model;
