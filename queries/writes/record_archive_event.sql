-- Keeps a journal line of the upload archive in the database, inside the import's or undo's transaction.
-- params: line VARCHAR
INSERT INTO archive_events (line) VALUES ($line);
