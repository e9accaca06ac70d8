package org.currents.store;

/**
 * What a command opens the archive for. Readers ({@code stats}, {@code export}, {@code build})
 * never create, migrate or otherwise change the archive, so they work on read-only files and
 * folders; writers create it when it is missing and bring its schema up to date.
 */
public enum Access {
    /** Reading only: the archive must exist and be of the schema this build writes. */
    READ,
    /** Reading and writing: creates the archive when missing and applies pending migrations. */
    WRITE
}
