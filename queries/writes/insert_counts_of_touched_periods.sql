-- Recounts the touched periods; from_year lets count_facts skip the row groups of older years.
-- params: first_year INTEGER
-- relations: touched_periods
INSERT INTO fact_counts
SELECT c.* FROM count_facts(from_year := $first_year) c
WHERE EXISTS (SELECT 1 FROM touched_periods t WHERE t.year = c.year AND t.period = c.period);
