-- Every (year, period) that has figures, latest first: the period pickers' choices.
-- params: none
-- columns: year, period, period_label, period_months, period_sort, facts, districts
SELECT year, period, period_label, period_months, period_sort,
       count(*) AS facts,
       count(DISTINCT district) AS districts
FROM indicator_facts
GROUP BY year, period, period_label, period_months, period_sort
ORDER BY year DESC, period_sort DESC;
