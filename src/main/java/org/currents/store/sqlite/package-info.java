/**
 * The embedded default store: one SQLite file through sqlite-jdbc, schema migrations from resources.
 */
package org.currents.store.sqlite;
