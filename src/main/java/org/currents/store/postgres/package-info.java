/**
 * The PostgreSQL store, for archives shared by several workers and servers.
 */
package org.currents.store.postgres;
