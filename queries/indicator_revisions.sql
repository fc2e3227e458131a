-- Every value ever stored for one indicator and the chosen districts, oldest first:
-- shows when a later report changed a figure (both stay visible).
-- params: indicator_code VARCHAR, districts VARCHAR[]
-- columns: district, year, period, period_label, plan, actual, pct_of_plan, pct_yoy, status, source, reported_on, quote, basis, as_of, as_of_stated, import_id, recorded_at, undone
SELECT district, year, period, period_label, plan, actual, pct_of_plan, pct_yoy, status,
       source, reported_on, quote, basis, as_of, as_of_stated, import_id, recorded_at, undone
FROM indicator_history
WHERE indicator_code = $indicator_code AND list_contains($districts, district)
ORDER BY district, year, period, reported_on, import_id, history_id;
