-- Every current figure of one period for the chosen districts (all indicators): the overview's
-- "needs attention" list is judged from these. `plan` is the one from period_plans: the figure's own
-- or, when the report gave it only once for the year, that year's plan.
-- params: year INTEGER, period VARCHAR, districts VARCHAR[]
-- columns: district, district_sort, indicator_code, indicator_name, unit, group_name, direction, is_focus_task, plan, actual, pct_of_plan, pct_yoy, change_yoy_pct, status, note, source, reported_on, quote, period_months
SELECT f.district, f.district_sort, f.indicator_code, f.indicator_name, f.unit, f.group_name, f.direction,
       f.is_focus_task, pp.plan, f.actual, f.pct_of_plan, f.pct_yoy, f.change_yoy_pct,
       f.status, f.note, f.source, f.reported_on, f.quote, f.period_months
FROM indicator_facts f
LEFT JOIN (SELECT district, indicator_code, plan FROM period_plans
           WHERE year = $year AND period = $period AND list_contains($districts, district)) pp
       ON pp.district = f.district AND pp.indicator_code = f.indicator_code
WHERE f.year = $year AND f.period = $period AND list_contains($districts, f.district)
ORDER BY f.district_sort, f.group_name, f.indicator_name;
