package org.currents.enrich;

import java.time.Duration;
import java.util.Objects;
import org.currents.store.EnrichClaims;

/**
 * How one {@code enrich} process takes part in work shared with others through the archive: the
 * claims it takes URLs from, the name it holds them under, and how long a claim lasts unless it
 * is renewed (every third of it, by a heartbeat). A worker killed without warning loses its
 * claims to the others one lease after its last heartbeat.
 *
 * @param claims the archive's shared work
 * @param job the selection's name (its flags): workers of one job share its URLs
 * @param worker this worker's name, unique among the workers: e.g. {@code host:pid}
 * @param lease how long a claim lasts without a heartbeat; at least 1 s
 */
public record SharedWork(EnrichClaims claims, String job, String worker, Duration lease) {
    /** The shortest lease: a heartbeat every third of it must keep up under load. */
    public static final Duration MIN_LEASE = Duration.ofSeconds(1);

    /** The default lease: 30 s. */
    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(30);

    public SharedWork {
        Objects.requireNonNull(claims, "claims");
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(worker, "worker");
        Objects.requireNonNull(lease, "lease");
        if (worker.isBlank()) {
            throw new IllegalArgumentException("worker must not be blank");
        }
        if (lease.compareTo(MIN_LEASE) < 0) {
            throw new IllegalArgumentException("lease must be >= 1s: " + lease);
        }
    }
}
