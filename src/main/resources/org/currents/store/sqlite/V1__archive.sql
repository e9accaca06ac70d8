-- The archive's core: day pages, revisions, what the parser observed in each revision, and the
-- events followed through them. Times are ISO-8601 UTC text ('2017-08-13T03:50:22Z').

CREATE TABLE pages (
    id            INTEGER PRIMARY KEY,
    title         TEXT    NOT NULL UNIQUE,
    day           TEXT    NOT NULL,
    wiki_page_id  INTEGER NOT NULL DEFAULT 0,
    missing       INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX pages_day ON pages (day);

CREATE TABLE revisions (
    id            INTEGER PRIMARY KEY,          -- MediaWiki revision id
    page_id       INTEGER NOT NULL REFERENCES pages (id),
    parent_id     INTEGER NOT NULL,
    timestamp     TEXT    NOT NULL,
    contributor   TEXT    NOT NULL,
    comment       TEXT    NOT NULL,
    sha1          TEXT    NOT NULL,             -- 40 hex digits, '' when unknown
    text_hidden   INTEGER NOT NULL,
    event_count   INTEGER NOT NULL,
    problem_count INTEGER NOT NULL,
    base_id       INTEGER NOT NULL,             -- predecessor in the page's edit tree
    reverted      INTEGER NOT NULL              -- 1: not on the live path
);
CREATE INDEX revisions_page ON revisions (page_id, timestamp);

-- Full wikitext, only with --keep-wikitext.
CREATE TABLE wikitext (
    revision_id   INTEGER PRIMARY KEY REFERENCES revisions (id),
    text          TEXT    NOT NULL
);

CREATE TABLE problems (
    revision_id   INTEGER NOT NULL REFERENCES revisions (id),
    line          INTEGER NOT NULL,
    col           INTEGER NOT NULL,
    message       TEXT    NOT NULL
);
CREATE INDEX problems_revision ON problems (revision_id);

-- Distinct parsed events, keyed by a hash of their content: most bullets stay the same from
-- one revision to the next, so each content is kept once.
CREATE TABLE bullets (
    key           TEXT    PRIMARY KEY,
    category      TEXT    NOT NULL,
    stories       TEXT    NOT NULL,             -- JSON array of strings
    text          TEXT    NOT NULL,
    links         TEXT    NOT NULL,             -- JSON array of strings
    sources       TEXT    NOT NULL,             -- JSON array of {url, outlet}
    unsourced     INTEGER NOT NULL
) WITHOUT ROWID;

-- Each event as observed in each revision. Deliberately no index on event_id: event ids are
-- random, so such an index would take a random write per observation (the import's largest cost
-- when it had one); lookups by event go through the page's revisions instead.
CREATE TABLE observations (
    revision_id   INTEGER NOT NULL,
    position      INTEGER NOT NULL,
    bullet_key    TEXT    NOT NULL,
    event_id      TEXT    NOT NULL,
    PRIMARY KEY (revision_id, position)
) WITHOUT ROWID;

CREATE TABLE events (
    id                  TEXT    PRIMARY KEY,
    page_id             INTEGER NOT NULL REFERENCES pages (id),
    day                 TEXT    NOT NULL,
    first_revision_id   INTEGER NOT NULL,
    bullet_key          TEXT    NOT NULL,
    position            INTEGER NOT NULL,
    status              TEXT    NOT NULL,       -- current | removed
    removed_revision_id INTEGER NOT NULL,
    removed_at          TEXT,
    changed_seq         INTEGER NOT NULL
);
CREATE INDEX events_day ON events (day, position);
CREATE INDEX events_page ON events (page_id);
CREATE INDEX events_changed ON events (changed_seq);

CREATE TABLE versions (
    event_id      TEXT    NOT NULL,
    revision_id   INTEGER NOT NULL,
    bullet_key    TEXT    NOT NULL,
    undone_by     INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (event_id, revision_id)
) WITHOUT ROWID;
CREATE INDEX versions_revision ON versions (revision_id);

-- Sources cited by each event's current content, for enrichment and queries by source.
CREATE TABLE citations (
    event_id      TEXT    NOT NULL,
    ord           INTEGER NOT NULL,             -- 0 = the first source
    url           TEXT    NOT NULL,
    PRIMARY KEY (event_id, ord)
) WITHOUT ROWID;
CREATE INDEX citations_url ON citations (url);

CREATE TABLE moves (
    event_id            TEXT    NOT NULL,
    merged_id           TEXT    NOT NULL,
    from_day            TEXT    NOT NULL,
    to_day              TEXT    NOT NULL,
    removed_revision_id INTEGER NOT NULL,
    added_revision_id   INTEGER NOT NULL
);
CREATE INDEX moves_event ON moves (event_id);

CREATE TABLE event_aliases (
    alias         TEXT    PRIMARY KEY,
    event_id      TEXT    NOT NULL
) WITHOUT ROWID;

CREATE TABLE contexts (
    event_id      TEXT    NOT NULL,
    key           TEXT    NOT NULL,             -- normalised title
    title         TEXT    NOT NULL,             -- as spelt in this event
    PRIMARY KEY (event_id, key)
) WITHOUT ROWID;
CREATE INDEX contexts_key ON contexts (key);

-- Named positions in the change sequence, and the sequence itself ('seq').
CREATE TABLE marks (
    name          TEXT    PRIMARY KEY,
    value         INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO marks (name, value) VALUES ('seq', 0);
