/**
 * One renderer per output: the Markdown archive of SPEC.md, and later HTML, Atom and data exports.
 */
package org.currents.publish;
