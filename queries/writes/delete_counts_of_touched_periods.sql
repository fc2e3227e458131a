-- Clears fact_counts for the touched periods (insert_counts_of_touched_periods follows).
-- params: none
-- relations: touched_periods
DELETE FROM fact_counts s
WHERE EXISTS (SELECT 1 FROM touched_periods t WHERE t.year = s.year AND t.period = s.period);
