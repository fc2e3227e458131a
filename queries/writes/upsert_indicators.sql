-- Catalogue entries (registered as new_indicators) inserted, or updated where the code exists,
-- in one statement for all.
-- params: none
-- relations: new_indicators
INSERT INTO indicators (code, name, unit, group_name, direction, comparable, is_focus_task, description, scope, aliases)
SELECT code, name, unit, group_name, direction, comparable, is_focus_task, description, scope, aliases
FROM new_indicators
ON CONFLICT (code) DO UPDATE SET name = excluded.name, unit = excluded.unit,
    group_name = excluded.group_name, direction = excluded.direction,
    comparable = excluded.comparable, is_focus_task = excluded.is_focus_task,
    description = excluded.description, scope = excluded.scope, aliases = excluded.aliases;
