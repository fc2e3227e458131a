-- Every current figure of one period (all districts, all indicators): the overview's
-- "needs attention" list is judged from these.
-- params: year INTEGER, period VARCHAR
-- columns: district, district_sort, indicator_code, indicator_name, unit, group_name, direction, is_focus_task, plan, actual, pct_of_plan, pct_yoy, change_yoy_pct, status, note, source, reported_on, quote, period_months
SELECT district, district_sort, indicator_code, indicator_name, unit, group_name, direction, is_focus_task,
       plan, actual, pct_of_plan, pct_yoy, change_yoy_pct, status, note, source, reported_on, quote, period_months
FROM indicator_facts
WHERE year = $year AND period = $period
ORDER BY district_sort, group_name, indicator_name;
