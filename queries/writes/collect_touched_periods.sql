-- The (year, period) pairs an import (or its undo) touched: only their counts are recounted.
-- params: import_id INTEGER
CREATE OR REPLACE TEMP TABLE touched_periods AS
SELECT DISTINCT year, period FROM fact_history WHERE import_id = $import_id;
