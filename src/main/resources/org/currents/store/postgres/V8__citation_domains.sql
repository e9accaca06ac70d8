-- PostgreSQL's twin of store/sqlite/V8__citation_domains.sql: citations.domain becomes a plain
-- column (text COLLATE "C", as V4 made it) that the writer fills with store.jdbc.CitedDomains,
-- the same value on both stores. V4 made it a STORED generated column: dropping the expression
-- keeps each row's stored value and the index on it, so nothing needs computing again here.

ALTER TABLE citations ALTER COLUMN domain DROP EXPRESSION;
ALTER TABLE citations ALTER COLUMN domain SET DEFAULT '';
UPDATE citations SET domain = '' WHERE domain IS NULL;
ALTER TABLE citations ALTER COLUMN domain SET NOT NULL;
