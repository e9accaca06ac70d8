-- PostgreSQL's twin of store/sqlite/V8__citation_domains.sql: citations.domain becomes a plain
-- column (text COLLATE "C", as V4 made it) that the writer fills with store.jdbc.CitedDomains,
-- the same value on both stores. V4 made it a STORED generated column: dropping the expression
-- keeps each row's stored value and the index on it, so nothing needs computing again here.

-- IF EXISTS: an archive whose column is plain already (a test that takes an archive back to V4
-- keeps it so) is left as it is
ALTER TABLE citations ALTER COLUMN domain DROP EXPRESSION IF EXISTS;
ALTER TABLE citations ALTER COLUMN domain SET DEFAULT '';
UPDATE citations SET domain = '' WHERE domain IS NULL;
ALTER TABLE citations ALTER COLUMN domain SET NOT NULL;
