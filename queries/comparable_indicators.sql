-- Indicators that may be charted across districts for one period, with how many districts have them.
-- params: year INTEGER, period VARCHAR
-- columns: indicator_code, indicator_name, unit, group_name, direction, districts_with_data
SELECT indicator_code, indicator_name, unit, group_name, direction,
       count(DISTINCT district) AS districts_with_data
FROM indicator_facts
WHERE comparable AND NOT is_focus_task AND year = $year AND period = $period
GROUP BY ALL
ORDER BY districts_with_data DESC, group_name, indicator_name;
