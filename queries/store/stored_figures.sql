-- The current value of each field for the keys of an incoming file (registered as incoming_keys,
-- with each row's position in the file): only keys already stored come back, none for a new quarter;
-- old_basis says whether the stored figure is an estimate a result may now confirm.
-- params: none
-- relations: incoming_keys
-- columns: position, old_plan, old_actual, old_same_period_last_year, old_pct_of_plan, old_pct_yoy, old_change_yoy_pct, old_status, old_source, old_basis
SELECT i.position, c.plan AS old_plan, c.actual AS old_actual, c.same_period_last_year AS old_same_period_last_year,
       c.pct_of_plan AS old_pct_of_plan, c.pct_yoy AS old_pct_yoy, c.change_yoy_pct AS old_change_yoy_pct,
       c.status AS old_status, c.source AS old_source, c.basis AS old_basis
FROM incoming_keys i
JOIN facts_current c USING (district, year, period, indicator_code);
