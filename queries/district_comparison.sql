-- One or more indicators across the chosen districts for one period: plan vs actual, % of plan,
-- in the order the indicators were asked for, then district order. Feeds the comparison charts
-- and the overview's headline cards. Districts without a figure come back with NULLs so the
-- page can say "chưa có số liệu". `plan` is own_or_year_plan (migration 013): the figure's own plan or,
-- when the report gave it only once for the year, that year's plan (shown even before a result comes).
-- The figures are filtered before joining, so only the asked-for rows leave the scan even with
-- thousands of communes; the year's plan is looked up only where a figure has none of its own.
-- params: year INTEGER, period VARCHAR, indicator_codes VARCHAR[], districts VARCHAR[]
-- Each figure is one report's statement (basis, as_of, source); where that statement gives no amount,
-- the prior_* columns carry the best earlier statement that does, to be shown beneath as that report's.
-- columns: indicator_code, indicator_name, unit, direction, comparable, scope, district, district_sort, plan, actual, same_period_last_year, pct_of_plan, pct_of_plan_computed, pct_yoy, change_yoy_pct, status, note, source, source_file, reported_on, quote, basis, as_of, as_of_stated, prior_actual, prior_pct_of_plan, prior_basis, prior_reported_on, prior_source, period_months
SELECT c.indicator_code, c.indicator_name, c.unit, c.direction, c.comparable, c.scope, c.district, c.district_sort,
       c.plan, c.actual, c.same_period_last_year,
       pct_of_plan_or_computed(c.pct_of_plan, c.actual, c.plan) AS pct_of_plan,
       c.pct_of_plan_computed OR pct_of_plan_is_computed(c.pct_of_plan, c.actual, c.plan) AS pct_of_plan_computed,
       c.pct_yoy, c.change_yoy_pct, c.status, c.note, c.source, c.source_file, c.reported_on, c.quote,
       c.basis, c.as_of, c.as_of_stated, c.prior_actual, c.prior_pct_of_plan, c.prior_basis, c.prior_reported_on,
       c.prior_source,
       (SELECT months FROM periods WHERE code = $period) AS period_months
FROM (
    SELECT i.code AS indicator_code, i.name AS indicator_name, i.unit, i.direction, i.comparable, i.scope,
           d.name AS district, d.sort_order AS district_sort,
           own_or_year_plan(f.plan, d.name, $year, i.code) AS plan, f.actual, f.same_period_last_year,
           f.pct_of_plan, f.pct_of_plan_computed, f.pct_yoy, f.change_yoy_pct, f.status, f.note, f.source,
           f.source_file, f.reported_on, f.quote, f.basis, f.as_of, f.as_of_stated, f.prior_actual,
           f.prior_pct_of_plan, f.prior_basis, f.prior_reported_on, f.prior_source
    FROM indicators i
    CROSS JOIN districts d
    LEFT JOIN (SELECT * FROM indicator_facts
               WHERE year = $year AND period = $period
                 AND list_contains($districts, district) AND list_contains($indicator_codes, indicator_code)) f
           ON f.indicator_code = i.code AND f.district = d.name
    WHERE list_contains($indicator_codes, i.code) AND list_contains($districts, d.name)
) c
ORDER BY list_position($indicator_codes, c.indicator_code), c.district_sort;
