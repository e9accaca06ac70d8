-- PostgreSQL's copy of store/sqlite/V7__related.sql: the same tables and columns, text compared
-- byte by byte (COLLATE "C") and integers BIGINT as in V1, so that Related lists rank alike
-- (ties broken by newest day, then position, then id).
--
-- The related-events index (issue 10): each event's Related list (SPEC.md, at most 5), kept by
-- the update path (relate.ContextIndexer) in the transaction that indexes contexts, and updated
-- only for the events whose contexts changed and the events that share a context with them.
-- An existing archive gets it from its first writer (mark 'related' is 0 until then); readers
-- never write it.

-- What each event's list was ranked by, as of the last index update.
CREATE TABLE IF NOT EXISTS related_members (
    event_id    TEXT COLLATE "C"    PRIMARY KEY,
    day         TEXT COLLATE "C"    NOT NULL,   -- YYYY-MM-DD: newest first ranks first
    position    BIGINT NOT NULL,
    eligible    BIGINT NOT NULL,                -- 1 when current and sourced: it may be listed
    list_seq    BIGINT NOT NULL                 -- change sequence when its own list last changed
);
CREATE INDEX IF NOT EXISTS related_members_changed ON related_members (list_seq);

-- The lists: rank 1 to 5, each with how many contexts the two share.
CREATE TABLE IF NOT EXISTS related (
    event_id    TEXT COLLATE "C"    NOT NULL,
    rank        BIGINT NOT NULL,
    related_id  TEXT COLLATE "C"    NOT NULL,
    shared      BIGINT NOT NULL,
    PRIMARY KEY (event_id, rank)
);
CREATE INDEX IF NOT EXISTS related_listed ON related (related_id);
