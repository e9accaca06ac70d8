-- PostgreSQL's V10 raises the planner's statistics of its search rows; FTS5 plans nothing from
-- statistics (its MATCH walks doclists), so SQLite has nothing to change: this version keeps the
-- two stores' schema versions in step.
SELECT 1;
