-- a first script that runs
CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL);
