-- Indicators the Xã, phường page offers for one period: those with commune figures in it first, with
-- how many communes give one (focus tasks have their own page).
-- params: year INTEGER, period VARCHAR
-- columns: indicator_code, indicator_name, unit, communes_with_data
SELECT i.code AS indicator_code, i.name AS indicator_name, i.unit, count(f.district) AS communes_with_data
FROM indicators i
LEFT JOIN (SELECT district, indicator_code FROM indicator_facts
           WHERE year = $year AND period = $period AND unit_level IN ('commune', 'commune_2025')) f
       ON f.indicator_code = i.code
WHERE NOT i.is_focus_task
GROUP BY i.code, i.name, i.unit, i.group_name
ORDER BY communes_with_data DESC, i.group_name, i.name;
