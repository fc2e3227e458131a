-- Every journal line the database has recorded, in order: compared with the archive's journal file at start.
-- params: none
-- columns: line
SELECT line FROM archive_events ORDER BY id;
