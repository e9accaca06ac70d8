-- Search without joins (issue 11), and a change sequence that source metadata moves too: what
-- SQLite's V5 does, in PostgreSQL's terms.
--
-- V4 indexed each distinct bullet once, so a search walked from every match to its versions,
-- their revisions and their events to learn whether the match counts and what the filters ask.
-- Here each version of each event is one row of search_docs, carrying what the walk needs: the
-- event id, whether the version is live (neither undone nor in a reverted revision), and the
-- event's day, status and category now (NULL while the event has no row), beside the version's
-- tsvector (indexed with GIN). The id grows with insertion, and imports go oldest revision
-- first, so a descending id walk meets the newest versions first, as SQLite's rowid walk does;
-- the two stores therefore rank the same window of matches.
--
-- Triggers keep search_docs in the writer's transaction: a new version adds its row, a version
-- given another bullet (an upsert of the same version) replaces it, an undo or a merge updates
-- it, a reverted flag updates the rows of that revision, an event row written, changed or
-- deleted updates the rows of that event.
DROP TRIGGER bullets_search ON bullets;
DROP FUNCTION bullets_search();
DROP TABLE search;

CREATE TABLE search_docs (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id      TEXT COLLATE "C" NOT NULL,
    revision_id   BIGINT NOT NULL,
    live          BIGINT NOT NULL,
    day           TEXT COLLATE "C",
    status        TEXT COLLATE "C",
    category      TEXT COLLATE "C",
    text          TEXT NOT NULL,
    stories       TEXT NOT NULL,
    links         TEXT NOT NULL,
    outlets       TEXT NOT NULL,
    doc           tsvector GENERATED ALWAYS AS (
                      setweight(to_tsvector('simple'::regconfig, currents_fold(text)), 'A')
                      || setweight(to_tsvector('simple'::regconfig, currents_fold(stories)), 'B')
                      || setweight(to_tsvector('simple'::regconfig, currents_fold(links)), 'B')
                      || setweight(to_tsvector('simple'::regconfig, currents_fold(outlets)), 'C')) STORED
);
CREATE UNIQUE INDEX search_docs_version ON search_docs (event_id, revision_id);
CREATE INDEX search_docs_revision ON search_docs (revision_id);
CREATE INDEX search_docs_doc ON search_docs USING GIN (doc);

-- whether version (event, revision) counts, as VersionRules.countsSql says
CREATE FUNCTION currents_live(undone_by BIGINT, revision BIGINT) RETURNS BIGINT LANGUAGE sql STABLE AS $$
    SELECT CASE WHEN undone_by = 0 AND COALESCE((SELECT reverted FROM revisions WHERE id = revision), 0) = 0
           THEN 1 ELSE 0 END
$$;

-- existing archives: versions in revision order (MediaWiki revision ids grow with time), so
-- that ids follow recency as the triggers' do
INSERT INTO search_docs (event_id, revision_id, live, day, status, category, text, stories, links, outlets)
SELECT v.event_id, v.revision_id,
       CASE WHEN v.undone_by = 0 AND COALESCE(r.reverted, 0) = 0 THEN 1 ELSE 0 END,
       e.day, e.status, eb.category, b.text,
       currents_joined(b.stories), currents_joined(b.links), currents_outlets(b.sources)
FROM versions v
JOIN bullets b ON b.key = v.bullet_key
LEFT JOIN revisions r ON r.id = v.revision_id
LEFT JOIN events e ON e.id = v.event_id
LEFT JOIN bullets eb ON eb.key = e.bullet_key
ORDER BY v.revision_id, v.event_id;
-- statistics at once: without them a common word's first searches plan a GIN scan of every
-- match rather than a walk of the newest ids
ANALYZE search_docs;

CREATE FUNCTION versions_search_add(v versions) RETURNS void LANGUAGE sql AS $$
    INSERT INTO search_docs (event_id, revision_id, live, day, status, category, text, stories, links, outlets)
    SELECT v.event_id, v.revision_id, currents_live(v.undone_by, v.revision_id),
           e.day, e.status, (SELECT category FROM bullets WHERE key = e.bullet_key),
           b.text, currents_joined(b.stories), currents_joined(b.links), currents_outlets(b.sources)
    FROM bullets b LEFT JOIN events e ON e.id = v.event_id
    WHERE b.key = v.bullet_key
$$;

CREATE FUNCTION versions_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM versions_search_add(NEW);
    ELSIF TG_OP = 'DELETE' THEN
        DELETE FROM search_docs WHERE event_id = OLD.event_id AND revision_id = OLD.revision_id;
    ELSIF NEW.bullet_key IS DISTINCT FROM OLD.bullet_key THEN
        DELETE FROM search_docs WHERE event_id = OLD.event_id AND revision_id = OLD.revision_id;
        PERFORM versions_search_add(NEW);
    ELSIF NEW.event_id IS DISTINCT FROM OLD.event_id OR NEW.undone_by IS DISTINCT FROM OLD.undone_by THEN
        UPDATE search_docs SET event_id = NEW.event_id,
               live = currents_live(NEW.undone_by, NEW.revision_id),
               day = (SELECT day FROM events WHERE id = NEW.event_id),
               status = (SELECT status FROM events WHERE id = NEW.event_id),
               category = (SELECT b.category FROM events e JOIN bullets b ON b.key = e.bullet_key
                           WHERE e.id = NEW.event_id)
        WHERE event_id = OLD.event_id AND revision_id = OLD.revision_id;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER versions_search AFTER INSERT OR UPDATE OR DELETE ON versions
    FOR EACH ROW EXECUTE FUNCTION versions_search();

CREATE FUNCTION revisions_search_reverted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE search_docs d SET live = CASE WHEN NEW.reverted = 0 AND COALESCE(
               (SELECT v.undone_by FROM versions v WHERE v.event_id = d.event_id AND v.revision_id = d.revision_id), 0) = 0
           THEN 1 ELSE 0 END
    WHERE d.revision_id = NEW.id;
    RETURN NULL;
END
$$;
CREATE TRIGGER revisions_search_reverted AFTER UPDATE OF reverted ON revisions
    FOR EACH ROW WHEN (NEW.reverted IS DISTINCT FROM OLD.reverted) EXECUTE FUNCTION revisions_search_reverted();

CREATE FUNCTION events_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        UPDATE search_docs SET day = NULL, status = NULL, category = NULL WHERE event_id = OLD.id;
    ELSIF TG_OP = 'INSERT' OR NEW.day IS DISTINCT FROM OLD.day OR NEW.status IS DISTINCT FROM OLD.status
            OR NEW.bullet_key IS DISTINCT FROM OLD.bullet_key THEN
        UPDATE search_docs SET day = NEW.day, status = NEW.status,
               category = (SELECT category FROM bullets WHERE key = NEW.bullet_key)
        WHERE event_id = NEW.id;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER events_search AFTER INSERT OR UPDATE OR DELETE ON events
    FOR EACH ROW EXECUTE FUNCTION events_search();

-- Source metadata changes pages (an event page shows its first source's summary and image),
-- so storing it moves the change sequence on, as a commit of events does: the server's page
-- cache and plan are keyed on that sequence. In SQL, so that every writer of source_meta does.
-- Each save is its own short transaction (Sources.saveSourceMeta), so enrich workers queue on
-- the one marks row only for that long.
CREATE FUNCTION source_meta_sequence() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE marks SET value = value + 1 WHERE name = 'seq';
    RETURN NULL;
END
$$;
CREATE TRIGGER source_meta_sequence AFTER INSERT OR UPDATE ON source_meta
    FOR EACH ROW EXECUTE FUNCTION source_meta_sequence();
