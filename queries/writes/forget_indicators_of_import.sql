-- Undoing an import takes back the catalogue entries it created: indicators its rows name that
-- sit in the group the importer gives new ones (ungrouped) and that no other import standing
-- (not undone) gives a figure for. They then leave the pages and the next template; the undone
-- import's own history rows stay, as with every undo.
-- params: import_id INTEGER, ungrouped VARCHAR
DELETE FROM indicators i
WHERE i.group_name = $ungrouped
  AND i.code IN (SELECT indicator_code FROM fact_history WHERE import_id = $import_id)
  AND NOT EXISTS (SELECT 1 FROM fact_history h JOIN imports m ON m.id = h.import_id
                  WHERE h.indicator_code = i.code AND h.import_id <> $import_id AND m.undone_at IS NULL);
