INSERT INTO notes (text) VALUES ('three');
