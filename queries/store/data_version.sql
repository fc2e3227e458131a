-- Changes whenever an import or undo lands: the pages' results cache keys on it.
-- params: none
-- columns: imports, last_import, undone, last_undone
SELECT count(*) AS imports, max(id) AS last_import, count(undone_at) AS undone,
       max(undone_at)::VARCHAR AS last_undone
FROM imports;
