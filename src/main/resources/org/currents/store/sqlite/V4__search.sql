-- Full-text search and the indexed lookups the web server needs (issue 11).
--
-- One FTS5 row per distinct bullet (the archive's deduplicated event texts): every version of
-- every event is a bullet, so a word an edit later removed still finds the event. Columns: the
-- text, its stories and linked articles (the contexts as spelt on the page) and the outlets of
-- its sources. Bullets are written once and never changed, so a trigger on their insert keeps the
-- index in the same transaction as the import's commit, and nothing else has to know about it.
-- The rowid grows with insertion (imports go oldest revision first): the server ranks the
-- newest matches first when a term matches too many to rank (serve.SearchRoutes says why).
CREATE INDEX versions_bullet ON versions (bullet_key);

CREATE VIRTUAL TABLE search USING fts5 (
    text, stories, links, outlets, key UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 2'
);

-- existing archives: bullets in the order of their first version's revision (MediaWiki
-- revision ids grow with time), so that rowids follow recency as the trigger's do
INSERT INTO search (text, stories, links, outlets, key)
SELECT b.text,
       (SELECT group_concat(value, ' ; ') FROM json_each(b.stories)),
       (SELECT group_concat(value, ' ; ') FROM json_each(b.links)),
       (SELECT group_concat(json_extract(value, '$.outlet'), ' ; ') FROM json_each(b.sources)),
       b.key
FROM bullets b
LEFT JOIN (SELECT bullet_key, min(revision_id) AS first FROM versions GROUP BY bullet_key) v ON v.bullet_key = b.key
ORDER BY COALESCE(v.first, 0), b.key;

CREATE TRIGGER bullets_search AFTER INSERT ON bullets BEGIN INSERT INTO search (text, stories, links, outlets, key) VALUES (NEW.text, (SELECT group_concat(value, ' ; ') FROM json_each(NEW.stories)), (SELECT group_concat(value, ' ; ') FROM json_each(NEW.links)), (SELECT group_concat(json_extract(value, '$.outlet'), ' ; ') FROM json_each(NEW.sources)), NEW.key); END;

-- the host of each cited URL, lower case, without www., port or user: /api/sources?domain= and
-- the search filter look sources up by it through an index (an expression SQLite computes, so
-- that every writer, old or new, fills it)
ALTER TABLE citations ADD COLUMN domain TEXT GENERATED ALWAYS AS (CASE WHEN instr(url, '://') = 0 THEN '' WHEN lower(substr(substr(substr(replace(replace(substr(url, instr(url, '://') + 3), '?', '/'), '#', '/') || '/', 1, instr(replace(replace(substr(url, instr(url, '://') + 3), '?', '/'), '#', '/') || '/', '/') - 1), instr(substr(replace(replace(substr(url, instr(url, '://') + 3), '?', '/'), '#', '/') || '/', 1, instr(replace(replace(substr(url, instr(url, '://') + 3), '?', '/'), '#', '/') || '/', '/') - 1), '@') + 1) || ':', 1, instr(substr(substr(replace(replace(substr(url, instr(url, '://') + 3), '?', '/'), '#', '/') || '/', 1, instr(replace(replace(substr(url, instr(url, '://') + 3), '?', '/'), '#', '/') || '/', '/') - 1), instr(substr(replace(replace(substr(url, instr(url, '://') + 3), '?', '/'), '#', '/') || '/', 1, instr(replace(replace(substr(url, instr(url, '://') + 3), '?', '/'), '#', '/') || '/', '/') - 1), '@') + 1) || ':', ':') - 1)) LIKE 'www.%' THEN substr(lower(substr(substr(substr(replace(replace(substr(url, instr(url, '://') + 3), '?', '/'), '#', '/') || '/', 1, instr(replace(replace(substr(url, instr(url, '://') + 3), '?', '/'), '#', '/') || '/', '/') - 1), instr(substr(replace(replace(substr(url, instr(url, '://') + 3), '?', '/'), '#', '/') || '/', 1, instr(replace(replace(substr(url, instr(url, '://') + 3), '?', '/'), '#', '/') || '/', '/') - 1), '@') + 1) || ':', 1, instr(substr(substr(replace(replace(substr(url, instr(url, '://') + 3), '?', '/'), '#', '/') || '/', 1, instr(replace(replace(substr(url, instr(url, '://') + 3), '?', '/'), '#', '/') || '/', '/') - 1), instr(substr(replace(replace(substr(url, instr(url, '://') + 3), '?', '/'), '#', '/') || '/', 1, instr(replace(replace(substr(url, instr(url, '://') + 3), '?', '/'), '#', '/') || '/', '/') - 1), '@') + 1) || ':', ':') - 1)), 5) ELSE lower(substr(substr(substr(replace(replace(substr(url, instr(url, '://') + 3), '?', '/'), '#', '/') || '/', 1, instr(replace(replace(substr(url, instr(url, '://') + 3), '?', '/'), '#', '/') || '/', '/') - 1), instr(substr(replace(replace(substr(url, instr(url, '://') + 3), '?', '/'), '#', '/') || '/', 1, instr(replace(replace(substr(url, instr(url, '://') + 3), '?', '/'), '#', '/') || '/', '/') - 1), '@') + 1) || ':', 1, instr(substr(substr(replace(replace(substr(url, instr(url, '://') + 3), '?', '/'), '#', '/') || '/', 1, instr(replace(replace(substr(url, instr(url, '://') + 3), '?', '/'), '#', '/') || '/', '/') - 1), instr(substr(replace(replace(substr(url, instr(url, '://') + 3), '?', '/'), '#', '/') || '/', 1, instr(replace(replace(substr(url, instr(url, '://') + 3), '?', '/'), '#', '/') || '/', '/') - 1), '@') + 1) || ':', ':') - 1)) END) VIRTUAL;
CREATE INDEX citations_domain ON citations (domain);
