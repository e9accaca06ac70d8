-- The planner's statistics of search_docs.doc at their largest (10,000: the 100,000 most common
-- lexemes): with the default 100, a word it has not sampled is taken for 250 matching versions
-- of any archive, so "the newest match of zzzzqqq" walked the primary key through every
-- version (220 ms on 202k versions) instead of asking the GIN index (0.1 ms). Phrases stay
-- estimated as the AND of their words; store.postgres.Pools sets random_page_cost so that the
-- index is taken for those too. Autovacuum keeps these statistics current as imports go on.
ALTER TABLE search_docs ALTER COLUMN doc SET STATISTICS 10000;
ANALYZE search_docs;
