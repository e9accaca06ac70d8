-- What enrichment learnt about each cited URL (one row per URL, shared by all events citing it).
CREATE TABLE source_meta (
    url           TEXT COLLATE "C"    PRIMARY KEY,
    final_url     TEXT COLLATE "C",
    http_status   BIGINT NOT NULL,
    outcome       TEXT COLLATE "C"    NOT NULL,
    fetched_at    TEXT COLLATE "C"    NOT NULL,
    title         TEXT COLLATE "C",
    description   TEXT COLLATE "C",
    image         TEXT COLLATE "C",
    site_name     TEXT COLLATE "C",
    published     TEXT COLLATE "C",
    modified      TEXT COLLATE "C",
    canonical_url TEXT COLLATE "C",
    language      TEXT COLLATE "C",
    author        TEXT COLLATE "C",
    archive_url   TEXT COLLATE "C"
);
CREATE INDEX source_meta_outcome ON source_meta (outcome);
