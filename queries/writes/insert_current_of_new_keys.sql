-- An import's rows for keys not in affected_keys (collect_keys_seen_before) are current as given:
-- inserted straight from its rows without re-reading the whole history.
-- params: import_id INTEGER
-- relations: affected_keys
INSERT INTO facts_current (district, year, period, indicator_code, plan, actual, same_period_last_year, pct_of_plan,
                           pct_yoy, change_yoy_pct, status, note, source, reported_on, quote, history_id, search_text,
                           basis, as_of, source_file)
SELECT h.district, h.year, h.period, h.indicator_code, h.plan, h.actual, h.same_period_last_year, h.pct_of_plan,
       h.pct_yoy, h.change_yoy_pct, h.status, h.note, h.source, h.reported_on, h.quote, h.id,
       figure_search_text(fi.folded_name, fi.folded_code, fd.folded_name, h.quote, h.note),
       h.basis, h.as_of, h.source_file
FROM fact_history h
JOIN folded_indicator_names fi ON fi.code = h.indicator_code
JOIN folded_district_names fd ON fd.name = h.district
WHERE h.import_id = $import_id AND NOT EXISTS (
    SELECT 1 FROM affected_keys a
    WHERE a.district = h.district AND a.year = h.year AND a.period = h.period AND a.indicator_code = h.indicator_code);
