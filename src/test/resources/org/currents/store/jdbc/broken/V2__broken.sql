-- a script that fails: SQLite's error carries no SQL state
INSERT INTO nowhere (x) VALUES (1);
