-- Every stored value behind one figure (district, year, period, indicator), with the report,
-- date and sentence each came from, newest first (indicator_facts says which statement is current).
-- params: district VARCHAR, year INTEGER, period VARCHAR, indicator_code VARCHAR
-- columns: history_id, plan, actual, same_period_last_year, pct_of_plan, pct_yoy, change_yoy_pct, status, note, source, source_file, reported_on, quote, basis, as_of, as_of_stated, import_id, import_file, recorded_at, undone
SELECT history_id, plan, actual, same_period_last_year, pct_of_plan, pct_yoy, change_yoy_pct, status, note,
       source, source_file, reported_on, quote, basis, as_of, as_of_stated, import_id, import_file, recorded_at,
       undone
FROM indicator_history
WHERE district = $district AND year = $year AND period = $period AND indicator_code = $indicator_code
ORDER BY reported_on DESC, import_id DESC, history_id DESC;
