-- Clears the current figures of the keys being recomputed (insert_current_of_affected_keys follows).
-- params: none
-- relations: affected_keys
DELETE FROM facts_current f WHERE EXISTS (
    SELECT 1 FROM affected_keys a
    WHERE a.district = f.district AND a.year = f.year AND a.period = f.period AND a.indicator_code = f.indicator_code);
