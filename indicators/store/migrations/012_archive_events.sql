-- The upload archive's journal lines, written in the same transaction as the import or undo they
-- describe: if the process dies after COMMIT but before the line reaches the journal file beside the
-- database, the next start finds it here and appends it (indicators.ingest.importer.reconcile_archive),
-- so an upload the database holds is never missing from the archive a rebuild replays.
CREATE SEQUENCE archive_event_ids START 1;
CREATE TABLE archive_events (
    id        INTEGER PRIMARY KEY DEFAULT nextval('archive_event_ids'),
    line      VARCHAR NOT NULL   -- the journal line exactly as appended (JSON)
);
