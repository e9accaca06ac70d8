-- Full-text search and the indexed lookups the web server needs (issue 11), as SQLite's V4 has
-- them: one row per distinct bullet, kept by a trigger on the bullets' insert, its rowid growing
-- with insertion. FTS5's table becomes a tsvector over the same four columns (text weighs most),
-- indexed with GIN; the 'simple' configuration keeps every word as it is written, as FTS5's
-- unicode61 tokenizer does (no stemming, no stop words).
CREATE INDEX versions_bullet ON versions (bullet_key);

-- diacritics folded as FTS5's remove_diacritics does (Garbine finds Garbiñe): unaccent is a
-- trusted extension (PostgreSQL 13+), which a database's owner may create; its function is only
-- STABLE, so an IMMUTABLE wrapper with the dictionary named lets the generated column use it
CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA public;
-- and words split at punctuation as FTS5's unicode61 tokenizer splits them (U.S. is u s, al-Assad
-- al assad, window.__pwned window pwned), where PostgreSQL's parser would keep "u.s" or a URL whole
CREATE FUNCTION currents_unaccent(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT public.unaccent('public.unaccent'::regdictionary, t)
$$;
CREATE FUNCTION currents_fold(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT regexp_replace(currents_unaccent(t) COLLATE "C", '[[:punct:]]+', ' ', 'g')
$$;

CREATE TABLE search (
    rowid         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    key           TEXT COLLATE "C" NOT NULL UNIQUE,
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
CREATE INDEX search_doc ON search USING GIN (doc);

CREATE FUNCTION currents_joined(items text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT COALESCE(string_agg(value, ' ; '), '') FROM json_array_elements_text(items::json)
$$;

CREATE FUNCTION currents_outlets(sources text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT COALESCE(string_agg(value->>'outlet', ' ; '), '') FROM json_array_elements(sources::json)
$$;

-- existing archives: bullets in the order of their first version's revision, as in SQLite
INSERT INTO search (key, text, stories, links, outlets)
SELECT b.key, b.text, currents_joined(b.stories), currents_joined(b.links), currents_outlets(b.sources)
FROM bullets b
LEFT JOIN (SELECT bullet_key, min(revision_id) AS first FROM versions GROUP BY bullet_key) v ON v.bullet_key = b.key
ORDER BY COALESCE(v.first, 0), b.key;

CREATE FUNCTION bullets_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO search (key, text, stories, links, outlets)
    VALUES (NEW.key, NEW.text, currents_joined(NEW.stories), currents_joined(NEW.links), currents_outlets(NEW.sources));
    RETURN NEW;
END
$$;
CREATE TRIGGER bullets_search AFTER INSERT ON bullets FOR EACH ROW EXECUTE FUNCTION bullets_search();

-- the host of each cited URL, lower case (ASCII only, as SQLite's lower()), without www., port
-- or user, as SQLite's expression computes it: what follows the first "://" up to "/", "?" or
-- "#", after the first "@", before the first ":"
ALTER TABLE citations ADD COLUMN domain TEXT COLLATE "C" GENERATED ALWAYS AS (
    CASE WHEN strpos(url, '://') = 0 THEN ''
    ELSE regexp_replace(
        lower(COALESCE(substring(substr(url, strpos(url, '://') + 3) FROM '^(?:[^/?#@]*@)?([^/?#:]*)'), '') COLLATE "C"),
        '^www\.', '')
    END) STORED;
CREATE INDEX citations_domain ON citations (domain);
