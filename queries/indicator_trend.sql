-- One indicator over every period available, for the chosen districts. (Earlier values of a
-- figure come from indicator_revisions.sql.)
-- params: indicator_code VARCHAR, districts VARCHAR[]
-- columns: district, district_sort, year, period, period_label, period_months, period_sort, indicator_name, unit, direction, plan, actual, pct_of_plan, pct_yoy, change_yoy_pct, status, note, source, reported_on, quote, basis, as_of, as_of_stated, pct_of_plan_computed
SELECT f.district, f.district_sort, f.year, f.period, f.period_label, f.period_months, f.period_sort,
       f.indicator_name, f.unit, f.direction,
       f.plan, f.actual, f.pct_of_plan, f.pct_yoy, f.change_yoy_pct, f.status, f.note,
       f.source, f.reported_on, f.quote, f.basis, f.as_of, f.as_of_stated, f.pct_of_plan_computed
FROM indicator_facts f
WHERE f.indicator_code = $indicator_code AND list_contains($districts, f.district)
ORDER BY f.district_sort, f.year, f.period_sort;
