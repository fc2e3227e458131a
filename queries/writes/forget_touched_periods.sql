-- Drops the work table of periods once their counts are recounted.
-- params: none
-- relations: touched_periods
DROP TABLE touched_periods;
