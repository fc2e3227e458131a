-- Benchmark data only: the reference districts make way for the scale's units (add_districts follows).
-- params: none
DELETE FROM districts;
