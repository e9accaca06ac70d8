-- What the parser observed in each revision, one row per revision: the events at each position,
-- packed (PackedObservations: position, bullet key and event id of each, in order of position).
-- It replaces table observations, one row per observation, which V12 packs into it and drops:
-- those were most of the archive's rows and of the import's writes, and are only ever read a
-- page's revisions at a time.
CREATE TABLE observed (
    revision_id   BIGINT PRIMARY KEY,
    packed        BYTEA  NOT NULL
);
