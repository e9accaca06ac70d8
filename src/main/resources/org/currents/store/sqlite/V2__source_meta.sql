-- What enrichment learnt about each cited URL (one row per URL, shared by all events citing it).
CREATE TABLE source_meta (
    url           TEXT    PRIMARY KEY,
    final_url     TEXT,
    http_status   INTEGER NOT NULL,
    outcome       TEXT    NOT NULL,
    fetched_at    TEXT    NOT NULL,
    title         TEXT,
    description   TEXT,
    image         TEXT,
    site_name     TEXT,
    published     TEXT,
    modified      TEXT,
    canonical_url TEXT,
    language      TEXT,
    author        TEXT,
    archive_url   TEXT
) WITHOUT ROWID;
CREATE INDEX source_meta_outcome ON source_meta (outcome);
