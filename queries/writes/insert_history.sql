-- A file's checked rows (registered as incoming_rows, an Arrow table) appended to fact_history
-- in one bulk insert, never row by row.
-- params: import_id INTEGER
-- relations: incoming_rows
INSERT INTO fact_history (import_id, district, year, period, indicator_code, plan, actual, same_period_last_year,
                          pct_of_plan, pct_yoy, change_yoy_pct, status, note, source, reported_on, quote, sheet_row,
                          basis, as_of, source_file)
SELECT $import_id, district, year, period, indicator_code, plan, actual, same_period_last_year,
       pct_of_plan, pct_yoy, change_yoy_pct, status, note, source, reported_on, quote, sheet_row,
       basis, as_of, source_file
FROM incoming_rows;
