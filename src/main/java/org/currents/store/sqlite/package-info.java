/**
 * The embedded default store: one SQLite file through sqlite-jdbc, schema migrations from resources.
 * {@code SqliteStore} is the entry point and holds the connection and its transactions; the SQL is
 * split by concern ({@code SqlitePages}, {@code SqliteCommits}, {@code SqlitePageStates},
 * {@code SqliteMoves}, {@code SqliteContexts}, {@code SqliteEvents}, {@code SqliteSources},
 * {@code SqliteRedirects}) over the shared JDBC patterns of {@code Jdbc}.
 */
package org.currents.store.sqlite;
