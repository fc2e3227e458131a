-- Benchmark data only: every history row is current (one report per key), in history order.
-- params: none
INSERT INTO facts_current (district, year, period, indicator_code, plan, actual, same_period_last_year, pct_of_plan,
                           pct_yoy, change_yoy_pct, status, note, source, reported_on, quote, history_id, search_text,
                           basis)
SELECT h.district, h.year, h.period, h.indicator_code, h.plan, h.actual, NULL, h.pct_of_plan,
       NULL, NULL, h.status, h.note, h.source, h.reported_on, h.quote, h.id,
       figure_search_text(fi.folded_name, fi.folded_code, fd.folded_name, h.quote, h.note), h.basis
FROM fact_history h
JOIN folded_indicator_names fi ON fi.code = h.indicator_code
JOIN folded_district_names fd ON fd.name = h.district
ORDER BY h.id;
