-- Every stored value behind one figure (district, year, period, indicator), with the report,
-- date and sentence each came from; the latest not-undone row per field is the current one.
-- params: district VARCHAR, year INTEGER, period VARCHAR, indicator_code VARCHAR
-- columns: history_id, plan, actual, same_period_last_year, pct_of_plan, pct_yoy, change_yoy_pct, status, note, source, reported_on, quote, import_id, import_file, recorded_at, undone
SELECT history_id, plan, actual, same_period_last_year, pct_of_plan, pct_yoy, change_yoy_pct, status, note,
       source, reported_on, quote, import_id, import_file, recorded_at, undone
FROM indicator_history
WHERE district = $district AND year = $year AND period = $period AND indicator_code = $indicator_code
ORDER BY reported_on DESC, import_id DESC, history_id DESC;
