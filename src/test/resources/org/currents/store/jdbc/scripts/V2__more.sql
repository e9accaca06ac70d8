INSERT INTO notes (text) VALUES ('two');
