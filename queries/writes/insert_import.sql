-- One row in the import log for a file being committed; its id tags the file's history rows.
-- params: file_name VARCHAR, sha256 VARCHAR, imported_by VARCHAR, rows_read INTEGER, facts_new INTEGER, facts_changed INTEGER, facts_unchanged INTEGER
-- columns: id
INSERT INTO imports (file_name, sha256, imported_by, imported_at, rows_read, facts_new, facts_changed, facts_unchanged)
VALUES ($file_name, $sha256, $imported_by, now()::TIMESTAMP, $rows_read, $facts_new, $facts_changed, $facts_unchanged)
RETURNING id;
