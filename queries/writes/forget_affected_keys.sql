-- Drops the work table of keys once the current figures are recomputed.
-- params: none
-- relations: affected_keys
DROP TABLE affected_keys;
