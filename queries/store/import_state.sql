-- Whether an import exists and was already undone, checked before undoing it; its file's hash names it in the upload archive.
-- params: import_id INTEGER
-- columns: undone_at, sha256
SELECT undone_at, sha256 FROM imports WHERE id = $import_id;
