/**
 * What the SQL stores share: schema migrations through Flyway, one folder of scripts per dialect.
 * Only {@code store.sqlite} and {@code store.postgres} use it (ArchitectureTest).
 */
package org.currents.store.jdbc;
