-- PostgreSQL's twin of store/sqlite/V9__search_later.sql: while marks holds the row
-- 'search_later', a new version (or one given another bullet) gets no search_docs row (nor its
-- tsvector and GIN entries); the writer that set the mark, or after a crash the next history
-- writer, adds every missing row in one INSERT ... SELECT and deletes the mark, in one
-- transaction. Search refuses, saying why, while the mark is set.
CREATE OR REPLACE FUNCTION versions_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NOT EXISTS (SELECT 1 FROM marks WHERE name = 'search_later') THEN
            PERFORM versions_search_add(NEW);
        END IF;
    ELSIF TG_OP = 'DELETE' THEN
        DELETE FROM search_docs WHERE event_id = OLD.event_id AND revision_id = OLD.revision_id;
    ELSIF NEW.bullet_key IS DISTINCT FROM OLD.bullet_key THEN
        DELETE FROM search_docs WHERE event_id = OLD.event_id AND revision_id = OLD.revision_id;
        IF NOT EXISTS (SELECT 1 FROM marks WHERE name = 'search_later') THEN
            PERFORM versions_search_add(NEW);
        END IF;
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
