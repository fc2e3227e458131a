-- The indicator catalogue with how many figures each has: for pickers and the catalogue sheet.
-- params: none
-- columns: code, name, unit, group_name, direction, comparable, is_focus_task, description, facts
SELECT i.code, i.name, i.unit, i.group_name, i.direction, i.comparable, i.is_focus_task, i.description,
       count(f.indicator_code) AS facts
FROM indicators i
LEFT JOIN facts_current f ON f.indicator_code = i.code
GROUP BY ALL
ORDER BY i.group_name, i.name;
