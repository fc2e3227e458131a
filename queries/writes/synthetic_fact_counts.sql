-- Benchmark data only: counts for every period at once, after the bulk build.
-- params: none
INSERT INTO fact_counts SELECT * FROM count_facts();
