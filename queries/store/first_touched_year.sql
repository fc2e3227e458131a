-- The earliest year among the periods an import touched, so recounting skips older row groups.
-- params: none
-- relations: touched_periods
-- columns: first_year
SELECT coalesce(min(year), 0) AS first_year FROM touched_periods;
