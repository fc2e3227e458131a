-- Whether an import exists and was already undone, checked before undoing it.
-- params: import_id INTEGER
-- columns: undone_at
SELECT undone_at FROM imports WHERE id = $import_id;
