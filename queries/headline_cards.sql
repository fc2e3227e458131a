-- Headline cards: every chosen district × every requested indicator for one period,
-- with NULL figures where a district has none (the page shows "chưa có số liệu"). `plan` is the
-- figure's own plan or, when the report gave it only once for the year, that year's plan.
-- params: year INTEGER, period VARCHAR, indicator_codes VARCHAR[], districts VARCHAR[]
-- columns: district, district_sort, indicator_code, indicator_name, unit, direction, plan, actual, same_period_last_year, pct_of_plan, pct_yoy, change_yoy_pct, status, note, source, reported_on, quote, period_months
WITH wanted AS (
    SELECT code, ordinality AS position
    FROM unnest($indicator_codes) WITH ORDINALITY AS t(code, ordinality)
)
SELECT d.name AS district, d.sort_order AS district_sort,
       i.code AS indicator_code, i.name AS indicator_name, i.unit, i.direction,
       coalesce(f.plan, fy.plan) AS plan, f.actual, f.same_period_last_year, f.pct_of_plan, f.pct_yoy, f.change_yoy_pct,
       f.status, f.note, f.source, f.reported_on, f.quote,
       (SELECT months FROM periods WHERE code = $period) AS period_months
FROM districts d
CROSS JOIN wanted w
JOIN indicators i ON i.code = w.code
LEFT JOIN indicator_facts f
       ON f.district = d.name AND f.indicator_code = i.code AND f.year = $year AND f.period = $period
LEFT JOIN facts_current fy
       ON fy.district = d.name AND fy.indicator_code = i.code AND fy.year = $year AND fy.period = 'FY'
WHERE list_contains($districts, d.name)
ORDER BY d.sort_order, w.position;
