-- The standing import of a file with this content, if any: a file imported twice changes nothing.
-- params: sha256 VARCHAR
-- columns: import_id
SELECT max(id) AS import_id FROM imports WHERE sha256 = $sha256 AND undone_at IS NULL;
