-- Link targets resolved through the wiki's redirects (issue 5), so that [[Trump]] and
-- [[Donald Trump]] are one context. One row per title asked about; a title that is no redirect
-- (or does not exist) maps to itself, so it is not asked about again.
CREATE TABLE redirects (
    title         TEXT COLLATE "C"    PRIMARY KEY,          -- the link target as the archive normalises it
    target        TEXT COLLATE "C"    NOT NULL,             -- its canonical title on the wiki
    resolved_at   TEXT COLLATE "C"    NOT NULL              -- when the wiki said so, ISO-8601 UTC
);
CREATE INDEX redirects_resolved ON redirects (resolved_at);
