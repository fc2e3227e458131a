-- Every import, newest first: for the upload page's audit list and `python -m indicators imports`.
-- params: none
-- columns: id, file_name, sha256, imported_by, imported_at, rows_read, facts_new, facts_changed, facts_unchanged, undone_at
SELECT id, file_name, sha256, imported_by, imported_at, rows_read, facts_new, facts_changed, facts_unchanged, undone_at
FROM imports
ORDER BY id DESC;
