-- The communes of one former district with their figure of one indicator and period, for the Xã,
-- phường page's bars, map and table: the communes from 1/7/2025 that took land from the district
-- (commune_districts; a split one says where it is counted) for a period ending on or after that day,
-- the communes before it otherwise (the rule is commune_level_at, migration 009). A commune without a figure comes back with NULLs.
-- params: district VARCHAR, indicator_code VARCHAR, year INTEGER, period VARCHAR
-- columns: commune, unit_code, latitude, longitude, is_split, counted_here, split_note, indicator_name, unit, direction, plan, actual, pct_of_plan, pct_of_plan_computed, basis, source, source_file, reported_on, quote
WITH level AS (
    SELECT commune_level_at(period_end($year, months)) AS unit_level FROM periods WHERE code = $period
), former AS (  -- 'huyện Văn Quan cũ', but 'Thành phố Lạng Sơn cũ'
    SELECT display_name AS district,
           CASE WHEN display_name LIKE 'Thành phố %' THEN '' ELSE 'huyện ' END || display_name || ' cũ' AS words
    FROM places WHERE unit_level = 'district'
), area AS (
    SELECT c.commune, 'commune_2025' AS unit_level, c.is_split, c.counted_here,
           CASE WHEN c.is_split THEN
               'Gồm ' || c.old_communes_here || '/' || c.old_communes_total || ' đơn vị cấp xã cũ trên địa bàn '
               || here.words || ' (' || c.old_names || '); tính vào ' || counted.words
           END AS split_note
    FROM commune_districts c JOIN places p ON p.display_name = c.commune
    JOIN former here ON here.district = c.district
    JOIN former counted ON counted.district = p.parent_district
    WHERE c.district = $district
    UNION ALL
    SELECT display_name, 'commune', false, true, NULL
    FROM places WHERE unit_level = 'commune' AND parent_district = $district
)
SELECT a.commune, p.unit_code, p.latitude, p.longitude, a.is_split, a.counted_here, a.split_note,
       i.name AS indicator_name, i.unit, i.direction, f.plan, f.actual,
       pct_of_plan_or_computed(f.pct_of_plan, f.actual, f.plan) AS pct_of_plan,
       f.pct_of_plan_computed OR pct_of_plan_is_computed(f.pct_of_plan, f.actual, f.plan) AS pct_of_plan_computed,
       f.basis, f.source, f.source_file, f.reported_on, f.quote
FROM area a
JOIN level l ON l.unit_level = a.unit_level
JOIN places p ON p.display_name = a.commune
JOIN indicators i ON i.code = $indicator_code
LEFT JOIN (SELECT * FROM indicator_facts
           WHERE indicator_code = $indicator_code AND year = $year AND period = $period) f
       ON f.district = a.commune
ORDER BY a.counted_here DESC, p.sort_order;
