-- Marks an import undone: its history rows stay, and stop counting towards the current figures.
-- params: import_id INTEGER
UPDATE imports SET undone_at = now()::TIMESTAMP WHERE id = $import_id;
