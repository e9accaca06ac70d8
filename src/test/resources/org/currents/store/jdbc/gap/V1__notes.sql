-- a folder that skips V2, which the runner refuses
CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL);
