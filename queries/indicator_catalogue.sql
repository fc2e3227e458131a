-- The indicator catalogue with how many figures each has (from fact_counts, kept by the importer):
-- for pickers and the catalogue sheet.
-- params: none
-- columns: code, name, unit, group_name, direction, comparable, is_focus_task, description, facts
SELECT i.code, i.name, i.unit, i.group_name, i.direction, i.comparable, i.is_focus_task, i.description,
       coalesce(c.facts, 0) AS facts
FROM indicators i
LEFT JOIN (SELECT indicator_code, sum(facts)::BIGINT AS facts FROM fact_counts GROUP BY indicator_code) c
       ON c.indicator_code = i.code
ORDER BY i.group_name, i.name;
