-- Shared enrichment: any number of enrich processes, on any machines, divide the fetching
-- through these tables (store.EnrichClaims, SqlEnrichClaims). PostgreSQL's copy is
-- store/postgres/V6__enrich_claims.sql. Times are epoch milliseconds of the workers'
-- clocks, which are assumed to agree (NTP) to well within a lease and a host delay.

-- One row per URL ever offered: open (done_at NULL) until a worker stored its outcome. A worker
-- holds an open URL while lease_until (renewed by its heartbeat) is in the future; 0 = free.
-- job names the selection (the enrich flags) that offered it: workers share the URLs of one job,
-- and a run with other flags neither takes nor waits for them.
-- spread is the URL's place among its host's URLs in the offering worker's list: claims take
-- the lowest first, so a batch spans many hosts instead of queueing behind one.
CREATE TABLE enrich_claims (
    url TEXT PRIMARY KEY,
    job TEXT NOT NULL,
    day TEXT,
    spread INTEGER NOT NULL,
    worker TEXT,
    lease_until BIGINT NOT NULL DEFAULT 0,
    done_at BIGINT
);
CREATE INDEX enrich_claims_open ON enrich_claims (job, spread, url) WHERE done_at IS NULL;
CREATE INDEX enrich_claims_worker ON enrich_claims (worker) WHERE done_at IS NULL;

-- Per-host politeness across all workers: the earliest start of the next request to the host
-- (host:port, as the fetcher keys hosts). A worker books the slot before each request.
CREATE TABLE enrich_hosts (
    host TEXT PRIMARY KEY,
    next_at BIGINT NOT NULL
);

-- robots.txt per origin, read by one worker and used by all: verdict 'rules' (body holds the
-- file), 'allow' (unavailable: 4xx) or 'disallow' (unreachable: 5xx, 429).
CREATE TABLE enrich_robots (
    origin TEXT PRIMARY KEY,
    verdict TEXT NOT NULL,
    body TEXT,
    fetched_at BIGINT NOT NULL
);
