-- PostgreSQL's copy of the SQLite schema of the same version (store/sqlite/V1__archive.sql):
-- the same tables, columns and text, so that the shared SQL of store.jdbc reads and writes both
-- alike. Text compares byte by byte (COLLATE "C"), as SQLite's does, so that every ORDER BY gives
-- the same order; integers are BIGINT; moves keep their insertion order in a rowid of their own.
--
-- The archive's core: day pages, revisions, what the parser observed in each revision, and the
-- events followed through them. Times are ISO-8601 UTC text ('2017-08-13T03:50:22Z').

CREATE TABLE pages (
    id            BIGINT PRIMARY KEY,
    title         TEXT COLLATE "C"    NOT NULL UNIQUE,
    day           TEXT COLLATE "C"    NOT NULL,
    wiki_page_id  BIGINT NOT NULL DEFAULT 0,
    missing       BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX pages_day ON pages (day);
CREATE SEQUENCE pages_id_seq OWNED BY pages.id;

CREATE TABLE revisions (
    id            BIGINT PRIMARY KEY,          -- MediaWiki revision id
    page_id       BIGINT NOT NULL REFERENCES pages (id),
    parent_id     BIGINT NOT NULL,
    timestamp     TEXT COLLATE "C"    NOT NULL,
    contributor   TEXT COLLATE "C"    NOT NULL,
    comment       TEXT COLLATE "C"    NOT NULL,
    sha1          TEXT COLLATE "C"    NOT NULL,             -- 40 hex digits, '' when unknown
    text_hidden   BIGINT NOT NULL,
    event_count   BIGINT NOT NULL,
    problem_count BIGINT NOT NULL,
    base_id       BIGINT NOT NULL,             -- predecessor in the page's edit tree
    reverted      BIGINT NOT NULL              -- 1: not on the live path
);
CREATE INDEX revisions_page ON revisions (page_id, timestamp);

-- Full wikitext, only with --keep-wikitext.
CREATE TABLE wikitext (
    revision_id   BIGINT PRIMARY KEY REFERENCES revisions (id),
    text          TEXT COLLATE "C"    NOT NULL
);

CREATE TABLE problems (
    revision_id   BIGINT NOT NULL REFERENCES revisions (id),
    line          BIGINT NOT NULL,
    col           BIGINT NOT NULL,
    message       TEXT COLLATE "C"    NOT NULL
);
CREATE INDEX problems_revision ON problems (revision_id);

-- Distinct parsed events, keyed by a hash of their content: most bullets stay the same from
-- one revision to the next, so each content is kept once.
CREATE TABLE bullets (
    key           TEXT COLLATE "C"    PRIMARY KEY,
    category      TEXT COLLATE "C"    NOT NULL,
    stories       TEXT COLLATE "C"    NOT NULL,             -- JSON array of strings
    text          TEXT COLLATE "C"    NOT NULL,
    links         TEXT COLLATE "C"    NOT NULL,             -- JSON array of strings
    sources       TEXT COLLATE "C"    NOT NULL,             -- JSON array of {url, outlet}
    unsourced     BIGINT NOT NULL
);

-- Each event as observed in each revision. Deliberately no index on event_id: event ids are
-- random, so such an index would take a random write per observation (the import's largest cost
-- when it had one); lookups by event go through the page's revisions instead.
CREATE TABLE observations (
    revision_id   BIGINT NOT NULL,
    position      BIGINT NOT NULL,
    bullet_key    TEXT COLLATE "C"    NOT NULL,
    event_id      TEXT COLLATE "C"    NOT NULL,
    PRIMARY KEY (revision_id, position)
);

CREATE TABLE events (
    id                  TEXT COLLATE "C"    PRIMARY KEY,
    page_id             BIGINT NOT NULL REFERENCES pages (id),
    day                 TEXT COLLATE "C"    NOT NULL,
    first_revision_id   BIGINT NOT NULL,
    bullet_key          TEXT COLLATE "C"    NOT NULL,
    position            BIGINT NOT NULL,
    status              TEXT COLLATE "C"    NOT NULL,       -- current | removed
    removed_revision_id BIGINT NOT NULL,
    removed_at          TEXT COLLATE "C",
    changed_seq         BIGINT NOT NULL
);
CREATE INDEX events_day ON events (day, position);
CREATE INDEX events_page ON events (page_id);
CREATE INDEX events_changed ON events (changed_seq);

CREATE TABLE versions (
    event_id      TEXT COLLATE "C"    NOT NULL,
    revision_id   BIGINT NOT NULL,
    bullet_key    TEXT COLLATE "C"    NOT NULL,
    undone_by     BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (event_id, revision_id)
);
CREATE INDEX versions_revision ON versions (revision_id);

-- Sources cited by each event's current content, for enrichment and queries by source.
CREATE TABLE citations (
    event_id      TEXT COLLATE "C"    NOT NULL,
    ord           BIGINT NOT NULL,             -- 0 = the first source
    url           TEXT COLLATE "C"    NOT NULL,
    PRIMARY KEY (event_id, ord)
);
CREATE INDEX citations_url ON citations (url);

CREATE TABLE moves (
    rowid               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id            TEXT COLLATE "C"    NOT NULL,
    merged_id           TEXT COLLATE "C"    NOT NULL,
    from_day            TEXT COLLATE "C"    NOT NULL,
    to_day              TEXT COLLATE "C"    NOT NULL,
    removed_revision_id BIGINT NOT NULL,
    added_revision_id   BIGINT NOT NULL
);
CREATE INDEX moves_event ON moves (event_id);

CREATE TABLE event_aliases (
    alias         TEXT COLLATE "C"    PRIMARY KEY,
    event_id      TEXT COLLATE "C"    NOT NULL
);

CREATE TABLE contexts (
    event_id      TEXT COLLATE "C"    NOT NULL,
    key           TEXT COLLATE "C"    NOT NULL,             -- normalised title
    title         TEXT COLLATE "C"    NOT NULL,             -- as spelt in this event
    PRIMARY KEY (event_id, key)
);
CREATE INDEX contexts_key ON contexts (key);

-- Named positions in the change sequence, and the sequence itself ('seq').
CREATE TABLE marks (
    name          TEXT COLLATE "C"    PRIMARY KEY,
    value         BIGINT NOT NULL
);
INSERT INTO marks (name, value) VALUES ('seq', 0);
