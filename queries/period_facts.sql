-- Every current figure of one period for the chosen districts (all indicators): the overview's
-- "needs attention" list is judged from these. `plan` is own_or_year_plan (migration 013): the figure's
-- own or, when the report gave it only once for the year, that year's plan (year_plans, migration 008).
-- params: year INTEGER, period VARCHAR, districts VARCHAR[]
-- `pct_of_plan` is the report's own, else computed from the result and that plan (pct_of_plan_computed).
-- columns: district, district_sort, indicator_code, indicator_name, unit, group_name, direction, is_focus_task, plan, actual, pct_of_plan, pct_of_plan_computed, pct_yoy, change_yoy_pct, status, note, source, source_file, reported_on, quote, basis, as_of, as_of_stated, period_months
SELECT f.district, f.district_sort, f.indicator_code, f.indicator_name, f.unit, f.group_name, f.direction,
       f.is_focus_task, f.plan, f.actual,
       pct_of_plan_or_computed(f.pct_of_plan, f.actual, f.plan) AS pct_of_plan,
       f.pct_of_plan_computed OR pct_of_plan_is_computed(f.pct_of_plan, f.actual, f.plan) AS pct_of_plan_computed,
       f.pct_yoy, f.change_yoy_pct, f.status, f.note, f.source, f.source_file, f.reported_on, f.quote,
       f.basis, f.as_of, f.as_of_stated, f.period_months
FROM (SELECT * REPLACE (own_or_year_plan(plan, district, year, indicator_code) AS plan)
      FROM indicator_facts
      WHERE year = $year AND period = $period AND list_contains($districts, district)) f
ORDER BY f.district_sort, f.group_name, f.indicator_name;
