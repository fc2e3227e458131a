-- The keys of an import that already had a current figure: only these need recomputing from
-- history (a new quarter's keys are current as given). Returns how many.
-- params: import_id INTEGER
CREATE OR REPLACE TEMP TABLE affected_keys AS
SELECT DISTINCT h.district, h.year, h.period, h.indicator_code
FROM fact_history h
WHERE h.import_id = $import_id AND EXISTS (
    SELECT 1 FROM facts_current s
    WHERE s.district = h.district AND s.year = h.year AND s.period = h.period AND s.indicator_code = h.indicator_code);
