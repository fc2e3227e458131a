-- Every key an import gave: undoing it recomputes all of them from the imports left standing.
-- params: import_id INTEGER
CREATE OR REPLACE TEMP TABLE affected_keys AS
SELECT DISTINCT district, year, period, indicator_code FROM fact_history WHERE import_id = $import_id;
