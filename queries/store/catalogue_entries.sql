-- The indicator catalogue as the importer and the upload template need it, one row per code.
-- params: none
-- columns: code, name, unit, group_name, direction, comparable, is_focus_task, description, scope, aliases
SELECT code, name, unit, group_name, direction, comparable, is_focus_task, description, scope, aliases FROM indicators;
