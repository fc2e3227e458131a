-- Focus tasks (nhiệm vụ trọng tâm) of each district for one period: the scoreboard.
-- params: year INTEGER, period VARCHAR, districts VARCHAR[]
-- columns: district, district_sort, indicator_code, task, group_name, unit, pct_of_plan, pct_of_plan_computed, actual, plan, status, note, source, reported_on, quote, basis, as_of, as_of_stated
SELECT district, district_sort, indicator_code, indicator_name AS task, group_name, unit,
       pct_of_plan, pct_of_plan_computed, actual, plan, status, note, source, reported_on, quote, basis, as_of, as_of_stated
FROM indicator_facts
WHERE is_focus_task AND year = $year AND period = $period AND list_contains($districts, district)
ORDER BY district_sort, indicator_code;
