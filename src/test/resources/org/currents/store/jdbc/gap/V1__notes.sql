-- a folder that skips V2, as store/sqlite skipped V5 while search was written elsewhere
CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL);
