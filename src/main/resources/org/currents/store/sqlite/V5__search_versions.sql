-- Search without joins (issue 11), and a change sequence that source metadata moves too.
--
-- V4 indexed each distinct bullet once, so a search walked from every match to its versions,
-- their revisions and their events (three lookups a row) to learn whether the match counts and
-- what the filters ask. Here each version of each event is one row of search_docs, carrying
-- what the walk needs: the event id, whether the version is live (neither undone nor in a
-- reverted revision), and the event's day, status and category now (NULL while the event has
-- no row). The FTS5 table indexes search_docs as external content, so the walk is the doclist
-- and one rowid lookup a row. Rowids grow with insertion, and imports go oldest revision first,
-- so a descending rowid walk meets the newest versions first.
--
-- Triggers keep search_docs in the writer's transaction: a new version adds its row (after
-- deleting the one an INSERT OR REPLACE of the same version left; an upsert that gives the
-- version another bullet replaces it too), an undo or a merge updates
-- it, a reverted flag updates the rows of that revision, an event row written, changed or
-- deleted updates the rows of that event. Only a version's insert or delete touches the FTS5
-- index: what changes later (live, day, status, category, event id) is not indexed text.
DROP TRIGGER bullets_search;
DROP TABLE search;

CREATE TABLE search_docs (
    id            INTEGER PRIMARY KEY,
    event_id      TEXT    NOT NULL,
    revision_id   INTEGER NOT NULL,
    live          INTEGER NOT NULL,
    day           TEXT,
    status        TEXT,
    category      TEXT,
    text          TEXT    NOT NULL,
    stories       TEXT    NOT NULL,
    links         TEXT    NOT NULL,
    outlets       TEXT    NOT NULL
);
CREATE UNIQUE INDEX search_docs_version ON search_docs (event_id, revision_id);
CREATE INDEX search_docs_revision ON search_docs (revision_id);

CREATE VIRTUAL TABLE search USING fts5 (
    text, stories, links, outlets,
    content = 'search_docs', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);

-- existing archives: versions in revision order (MediaWiki revision ids grow with time), so
-- that rowids follow recency as the triggers' do
INSERT INTO search_docs (event_id, revision_id, live, day, status, category, text, stories, links, outlets)
SELECT v.event_id, v.revision_id,
       CASE WHEN v.undone_by = 0 AND COALESCE(r.reverted, 0) = 0 THEN 1 ELSE 0 END,
       e.day, e.status, eb.category, b.text,
       COALESCE((SELECT group_concat(value, ' ; ') FROM json_each(b.stories)), ''),
       COALESCE((SELECT group_concat(value, ' ; ') FROM json_each(b.links)), ''),
       COALESCE((SELECT group_concat(json_extract(value, '$.outlet'), ' ; ') FROM json_each(b.sources)), '')
FROM versions v
JOIN bullets b ON b.key = v.bullet_key
LEFT JOIN revisions r ON r.id = v.revision_id
LEFT JOIN events e ON e.id = v.event_id
LEFT JOIN bullets eb ON eb.key = e.bullet_key
ORDER BY v.revision_id, v.event_id;
INSERT INTO search (search) VALUES ('rebuild');

CREATE TRIGGER versions_search_insert AFTER INSERT ON versions BEGIN INSERT INTO search (search, rowid, text, stories, links, outlets) SELECT 'delete', id, text, stories, links, outlets FROM search_docs WHERE event_id = NEW.event_id AND revision_id = NEW.revision_id; DELETE FROM search_docs WHERE event_id = NEW.event_id AND revision_id = NEW.revision_id; INSERT INTO search_docs (event_id, revision_id, live, day, status, category, text, stories, links, outlets) SELECT NEW.event_id, NEW.revision_id, CASE WHEN NEW.undone_by = 0 AND COALESCE((SELECT reverted FROM revisions WHERE id = NEW.revision_id), 0) = 0 THEN 1 ELSE 0 END, e.day, e.status, (SELECT category FROM bullets WHERE key = e.bullet_key), b.text, COALESCE((SELECT group_concat(value, ' ; ') FROM json_each(b.stories)), ''), COALESCE((SELECT group_concat(value, ' ; ') FROM json_each(b.links)), ''), COALESCE((SELECT group_concat(json_extract(value, '$.outlet'), ' ; ') FROM json_each(b.sources)), '') FROM bullets b LEFT JOIN events e ON e.id = NEW.event_id WHERE b.key = NEW.bullet_key; INSERT INTO search (rowid, text, stories, links, outlets) SELECT id, text, stories, links, outlets FROM search_docs WHERE event_id = NEW.event_id AND revision_id = NEW.revision_id; END;

CREATE TRIGGER versions_search_delete AFTER DELETE ON versions BEGIN INSERT INTO search (search, rowid, text, stories, links, outlets) SELECT 'delete', id, text, stories, links, outlets FROM search_docs WHERE event_id = OLD.event_id AND revision_id = OLD.revision_id; DELETE FROM search_docs WHERE event_id = OLD.event_id AND revision_id = OLD.revision_id; END;

CREATE TRIGGER versions_search_update AFTER UPDATE OF event_id, undone_by ON versions BEGIN UPDATE search_docs SET event_id = NEW.event_id, live = CASE WHEN NEW.undone_by = 0 AND COALESCE((SELECT reverted FROM revisions WHERE id = NEW.revision_id), 0) = 0 THEN 1 ELSE 0 END, day = (SELECT day FROM events WHERE id = NEW.event_id), status = (SELECT status FROM events WHERE id = NEW.event_id), category = (SELECT b.category FROM events e JOIN bullets b ON b.key = e.bullet_key WHERE e.id = NEW.event_id) WHERE event_id = OLD.event_id AND revision_id = OLD.revision_id; END;

-- a version given another bullet (an upsert of the same version, ON CONFLICT DO UPDATE) is
-- indexed again with the new text, as a new row
CREATE TRIGGER versions_search_rekey AFTER UPDATE OF bullet_key ON versions WHEN NEW.bullet_key IS NOT OLD.bullet_key BEGIN INSERT INTO search (search, rowid, text, stories, links, outlets) SELECT 'delete', id, text, stories, links, outlets FROM search_docs WHERE event_id = OLD.event_id AND revision_id = OLD.revision_id; DELETE FROM search_docs WHERE event_id = OLD.event_id AND revision_id = OLD.revision_id; INSERT INTO search_docs (event_id, revision_id, live, day, status, category, text, stories, links, outlets) SELECT NEW.event_id, NEW.revision_id, CASE WHEN NEW.undone_by = 0 AND COALESCE((SELECT reverted FROM revisions WHERE id = NEW.revision_id), 0) = 0 THEN 1 ELSE 0 END, e.day, e.status, (SELECT category FROM bullets WHERE key = e.bullet_key), b.text, COALESCE((SELECT group_concat(value, ' ; ') FROM json_each(b.stories)), ''), COALESCE((SELECT group_concat(value, ' ; ') FROM json_each(b.links)), ''), COALESCE((SELECT group_concat(json_extract(value, '$.outlet'), ' ; ') FROM json_each(b.sources)), '') FROM bullets b LEFT JOIN events e ON e.id = NEW.event_id WHERE b.key = NEW.bullet_key; INSERT INTO search (rowid, text, stories, links, outlets) SELECT id, text, stories, links, outlets FROM search_docs WHERE event_id = NEW.event_id AND revision_id = NEW.revision_id; END;

CREATE TRIGGER revisions_search_reverted AFTER UPDATE OF reverted ON revisions WHEN NEW.reverted IS NOT OLD.reverted BEGIN UPDATE search_docs SET live = CASE WHEN NEW.reverted = 0 AND COALESCE((SELECT v.undone_by FROM versions v WHERE v.event_id = search_docs.event_id AND v.revision_id = search_docs.revision_id), 0) = 0 THEN 1 ELSE 0 END WHERE revision_id = NEW.id; END;

CREATE TRIGGER events_search_insert AFTER INSERT ON events BEGIN UPDATE search_docs SET day = NEW.day, status = NEW.status, category = (SELECT category FROM bullets WHERE key = NEW.bullet_key) WHERE event_id = NEW.id; END;

CREATE TRIGGER events_search_update AFTER UPDATE OF day, status, bullet_key ON events BEGIN UPDATE search_docs SET day = NEW.day, status = NEW.status, category = (SELECT category FROM bullets WHERE key = NEW.bullet_key) WHERE event_id = NEW.id; END;

CREATE TRIGGER events_search_delete AFTER DELETE ON events BEGIN UPDATE search_docs SET day = NULL, status = NULL, category = NULL WHERE event_id = OLD.id; END;

-- Source metadata changes pages (an event page shows its first source's summary and image),
-- so storing it moves the change sequence on, as a commit of events does: the server's page
-- cache and plan are keyed on that sequence. In SQL, so that every writer of source_meta does.
CREATE TRIGGER source_meta_sequence AFTER INSERT ON source_meta BEGIN UPDATE marks SET value = value + 1 WHERE name = 'seq'; END;
CREATE TRIGGER source_meta_sequence_update AFTER UPDATE ON source_meta BEGIN UPDATE marks SET value = value + 1 WHERE name = 'seq'; END;
