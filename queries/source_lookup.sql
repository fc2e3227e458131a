-- Current figures with their report, date and quoted sentence, filtered by free text
-- (accent- and case-insensitive, over indicator name, code, district, quote and note) and
-- optionally narrowed to one district / year / period / indicator (NULL = all); one page of
-- at most $max_rows rows from $first_row, with the number of all matches in total_matches. `plan` and
-- `pct_of_plan` follow the rule of period_facts (plan_or_year_plan over year_plans, pct_of_plan_or_computed),
-- so a figure is judged here as on every other page; the year's plans are read narrowed by the same filters.
-- params: search VARCHAR, district VARCHAR, year INTEGER, period VARCHAR, indicator_code VARCHAR, max_rows INTEGER, first_row INTEGER
-- columns: district, year, period, period_label, indicator_code, indicator_name, unit, group_name, plan, actual, same_period_last_year, pct_of_plan, pct_yoy, change_yoy_pct, status, note, source, source_file, reported_on, quote, basis, as_of, as_of_stated, total_matches, direction, period_months, pct_of_plan_computed
WITH matches AS (
    SELECT f.*, count(*) OVER () AS total_matches
    FROM facts_current f
    WHERE ($district IS NULL OR f.district = $district)
      AND ($year IS NULL OR f.year = $year)
      AND ($period IS NULL OR f.period = $period)
      AND ($indicator_code IS NULL OR f.indicator_code = $indicator_code)
      AND (coalesce($search, '') = '' OR contains(f.search_text, fold_text($search)))
)
SELECT m.district, m.year, m.period, p.label AS period_label, m.indicator_code, i.name AS indicator_name, i.unit,
       i.group_name, plan_or_year_plan(m.plan, yp.plan) AS plan, m.actual, m.same_period_last_year,
       pct_of_plan_or_computed(m.pct_of_plan, m.actual, plan_or_year_plan(m.plan, yp.plan)) AS pct_of_plan,
       m.pct_yoy, m.change_yoy_pct,
       m.status, m.note, m.source, m.source_file, m.reported_on, m.quote, m.basis,
       coalesce(m.as_of, period_end(m.year, p.months)) AS as_of,
       m.as_of IS NOT NULL AND m.as_of <> period_end(m.year, p.months) AS as_of_stated, m.total_matches,
       i.direction, p.months AS period_months,
       pct_of_plan_is_computed(m.pct_of_plan, m.actual, plan_or_year_plan(m.plan, yp.plan)) AS pct_of_plan_computed
FROM matches m
JOIN indicators i ON i.code = m.indicator_code
JOIN periods p ON p.code = m.period
JOIN districts d ON d.name = m.district
LEFT JOIN (SELECT district, year, indicator_code, plan FROM year_plans
           WHERE ($district IS NULL OR district = $district) AND ($year IS NULL OR year = $year)
             AND ($indicator_code IS NULL OR indicator_code = $indicator_code)) yp
       ON yp.district = m.district AND yp.year = m.year AND yp.indicator_code = m.indicator_code
ORDER BY m.year DESC, p.sort_order DESC, d.sort_order, i.group_name, i.name
LIMIT $max_rows OFFSET $first_row;
