/**
 * The archive's storage: {@link org.currents.store.ArchiveStore} is the one interface every
 * stage writes and reads through; {@code store.sqlite} (the embedded default) and
 * {@code store.postgres} implement it, with schemas created and upgraded by versioned
 * migrations kept in resources. Writes for one day page are one transaction.
 */
package org.currents.store;
