-- Current figures with their report, date and quoted sentence, filtered by free text
-- (accent- and case-insensitive, over indicator name, code, district, quote and note) and
-- optionally narrowed to one district / year / period / indicator (NULL = all); one page of
-- at most $max_rows rows from $first_row, with the number of all matches in total_matches. `plan` and
-- `pct_of_plan` follow the rule of period_facts (own_or_year_plan, pct_of_plan_or_computed), so a figure is
-- judged here as on every other page; the year's plan is looked up only for the page's rows without their own.
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
),
page AS (
    SELECT m.* REPLACE (own_or_year_plan(m.plan, m.district, m.year, m.indicator_code) AS plan),
           i.name AS indicator_name, i.unit, i.group_name, i.direction,
           p.label AS period_label, p.months AS period_months, p.sort_order AS period_sort, d.sort_order AS district_sort
    FROM matches m
    JOIN indicators i ON i.code = m.indicator_code
    JOIN periods p ON p.code = m.period
    JOIN districts d ON d.name = m.district
    ORDER BY m.year DESC, p.sort_order DESC, d.sort_order, i.group_name, i.name
    LIMIT $max_rows OFFSET $first_row
)
SELECT m.district, m.year, m.period, m.period_label, m.indicator_code, m.indicator_name, m.unit,
       m.group_name, m.plan, m.actual, m.same_period_last_year,
       pct_of_plan_or_computed(m.pct_of_plan, m.actual, m.plan) AS pct_of_plan,
       m.pct_yoy, m.change_yoy_pct,
       m.status, m.note, m.source, m.source_file, m.reported_on, m.quote, m.basis,
       coalesce(m.as_of, period_end(m.year, m.period_months)) AS as_of,
       m.as_of IS NOT NULL AND m.as_of <> period_end(m.year, m.period_months) AS as_of_stated, m.total_matches,
       m.direction, m.period_months,
       pct_of_plan_is_computed(m.pct_of_plan, m.actual, m.plan) AS pct_of_plan_computed
FROM page m
ORDER BY m.year DESC, m.period_sort DESC, m.district_sort, m.group_name, m.indicator_name;
