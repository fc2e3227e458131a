-- Every current figure with its report, date and quoted sentence, filtered by free text
-- (accent- and case-insensitive, over indicator name, code, district and quote) and optionally
-- narrowed to one district / year / period / indicator (NULL = all).
-- params: search VARCHAR, district VARCHAR, year INTEGER, period VARCHAR, indicator_code VARCHAR
-- columns: district, year, period, period_label, indicator_code, indicator_name, unit, group_name, plan, actual, same_period_last_year, pct_of_plan, pct_yoy, change_yoy_pct, status, note, source, reported_on, quote
WITH needle AS (
    SELECT replace(strip_accents(lower(coalesce($search, ''))), 'đ', 'd') AS text
)
SELECT f.district, f.year, f.period, f.period_label, f.indicator_code, f.indicator_name, f.unit, f.group_name,
       f.plan, f.actual, f.same_period_last_year, f.pct_of_plan, f.pct_yoy, f.change_yoy_pct,
       f.status, f.note, f.source, f.reported_on, f.quote
FROM indicator_facts f, needle
WHERE ($district IS NULL OR f.district = $district)
  AND ($year IS NULL OR f.year = $year)
  AND ($period IS NULL OR f.period = $period)
  AND ($indicator_code IS NULL OR f.indicator_code = $indicator_code)
  AND (needle.text = ''
       OR replace(strip_accents(lower(concat_ws(' ', f.indicator_name, f.indicator_code, f.district, f.quote, f.note))), 'đ', 'd')
          LIKE '%' || needle.text || '%')
ORDER BY f.year DESC, f.period_sort DESC, f.district_sort, f.group_name, f.indicator_name;
