-- Every (year, period) that has figures, newest year first and, within a year, the period with
-- the most reported results first (a year's "Cả năm" often holds only targets), so the first
-- row is the sensible default. Counts come from fact_counts, which the importer keeps.
-- params: none
-- columns: year, period, period_label, period_months, period_sort, facts, results
SELECT f.year, f.period, p.label AS period_label, p.months AS period_months, p.sort_order AS period_sort,
       f.facts, f.results
FROM (SELECT year, period, sum(facts)::BIGINT AS facts, sum(results)::BIGINT AS results
      FROM fact_counts GROUP BY year, period) f
JOIN periods p ON p.code = f.period
ORDER BY f.year DESC, f.results DESC, p.sort_order DESC;
