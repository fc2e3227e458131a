-- Every (year, period) that has figures, in time order, newest first: by year, then within a
-- year the period that ends latest first (Cả năm, 9 tháng, 8 tháng, …), so a list of them reads
-- grouped by year. is_default marks the sensible opening choice: in the newest year, the period
-- with the most reported results (a year's "Cả năm" often holds only targets). Counts come from
-- fact_counts, which the importer keeps.
-- params: none
-- columns: year, period, period_label, period_months, period_sort, facts, results, is_default
SELECT f.year, f.period, p.label AS period_label, p.months AS period_months, p.sort_order AS period_sort,
       f.facts, f.results,
       row_number() OVER (ORDER BY f.year DESC, f.results DESC, p.sort_order DESC) = 1 AS is_default
FROM (SELECT year, period, sum(facts)::BIGINT AS facts, sum(results)::BIGINT AS results
      FROM fact_counts GROUP BY year, period) f
JOIN periods p ON p.code = f.period
ORDER BY f.year DESC, p.sort_order DESC;
