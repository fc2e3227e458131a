-- Every (year, period) that has figures, newest year first and, within a year, the period with
-- the most reported results first (a year's "Cả năm" often holds only targets), so the first
-- row is the sensible default.
-- params: none
-- columns: year, period, period_label, period_months, period_sort, facts, results, districts
SELECT year, period, period_label, period_months, period_sort,
       count(*) AS facts,
       count(*) FILTER (WHERE actual IS NOT NULL OR pct_of_plan IS NOT NULL OR status IS NOT NULL) AS results,
       count(DISTINCT district) AS districts
FROM indicator_facts
GROUP BY year, period, period_label, period_months, period_sort
ORDER BY year DESC, results DESC, period_sort DESC;
