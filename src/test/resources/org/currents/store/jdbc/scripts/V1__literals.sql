-- what the hand-written runner cut: "--" and ";" inside string literals, a trigger's body
CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL);
CREATE TABLE log (text TEXT NOT NULL);
CREATE TRIGGER notes_log AFTER INSERT ON notes
BEGIN
    INSERT INTO log (text) VALUES ('added; ' || NEW.text);
END;
INSERT INTO notes (text) VALUES ('a -- not a comment;
and a second line');
