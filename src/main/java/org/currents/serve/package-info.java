/**
 * The web server: routes, JSON API and search over an archive.
 */
package org.currents.serve;
