-- Indicators that may be charted across districts for one period, with how many districts have them
-- (one current figure per district, period and indicator, so a count of rows is a count of districts).
-- params: year INTEGER, period VARCHAR
-- columns: indicator_code, indicator_name, unit, group_name, direction, districts_with_data
SELECT i.code AS indicator_code, i.name AS indicator_name, i.unit, i.group_name, i.direction,
       c.districts_with_data
FROM (SELECT indicator_code, count(*) AS districts_with_data FROM facts_current
      WHERE year = $year AND period = $period GROUP BY indicator_code) c
JOIN indicators i ON i.code = c.indicator_code
WHERE i.comparable AND NOT i.is_focus_task
ORDER BY c.districts_with_data DESC, i.group_name, i.name;
