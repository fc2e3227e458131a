-- The former district areas across the reform of 1/7/2025, for the comparison and trend pages: the
-- district's own report where there is one, else the sum of its new communes (district_area_figures),
-- with how many communes a sum covers, how many it should, and how many of them are split; a rate's
-- roll-up is the ratio of its parts' sums (rate_parts, migration 009), never a sum or mean of rates.
-- params: indicator_codes VARCHAR[], districts VARCHAR[]
-- columns: indicator_code, indicator_name, unit, district, district_sort, year, period, period_label, period_sort, actual, pct_of_plan, basis, as_of, source, from_communes, communes, expected_communes, complete, split_communes, method
SELECT indicator_code, indicator_name, unit, district, district_sort, year, period, period_label, period_sort,
       actual, pct_of_plan, basis, as_of, source, rolled_up AS from_communes, communes_covered AS communes,
       communes_expected AS expected_communes, complete, split_communes,
       CASE WHEN NOT rolled_up THEN NULL
            WHEN indicator_code IN (SELECT rate_code FROM rate_parts) THEN 'ratio' ELSE 'sum' END AS method
FROM district_area_figures
WHERE list_contains($indicator_codes, indicator_code) AND list_contains($districts, district)
ORDER BY list_position($indicator_codes, indicator_code), district_sort, year, period_sort;
