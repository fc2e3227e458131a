-- Recomputes the current statement of each key in affected_keys from the history of imports not
-- undone: one row of fact_history taken whole, chosen by statement_rank (migration 007: a result
-- before a plan-only row, an actual before an estimate, then the newest report); when it gives no
-- amount, the best-ranked statement that does is kept beside it (prior_*), never merged in.
-- params: none
-- relations: affected_keys
INSERT INTO facts_current (district, year, period, indicator_code, plan, actual, same_period_last_year, pct_of_plan,
                           pct_yoy, change_yoy_pct, status, note, source, reported_on, quote, history_id, search_text,
                           basis, as_of, source_file, prior_actual, prior_pct_of_plan, prior_basis,
                           prior_reported_on, prior_source)
SELECT c.district, c.year, c.period, c.indicator_code, c.s.plan, c.s.actual, c.s.same_period_last_year, c.s.pct_of_plan,
       c.s.pct_yoy, c.s.change_yoy_pct, c.s.status, c.s.note, c.s.source, c.s.reported_on, c.s.quote, c.s.id,
       figure_search_text(fi.folded_name, fi.folded_code, fd.folded_name, c.s.quote, c.s.note),
       c.s.basis, c.s.as_of, c.s.source_file,
       CASE WHEN c.s.actual IS NULL THEN c.p.actual END, CASE WHEN c.s.actual IS NULL THEN c.p.pct_of_plan END,
       CASE WHEN c.s.actual IS NULL THEN c.p.basis END, CASE WHEN c.s.actual IS NULL THEN c.p.reported_on END,
       CASE WHEN c.s.actual IS NULL THEN c.p.source END
FROM (
    SELECT h.district, h.year, h.period, h.indicator_code,
           arg_max(struct_pack(h.plan, h.actual, h.same_period_last_year, h.pct_of_plan, h.pct_yoy,
                               h.change_yoy_pct, h.status, h.note, h.source, h.reported_on, h.quote, h.id,
                               h.basis, h.as_of, h.source_file),
                   statement_rank(h.basis, h.reported_on, h.import_id, h.id)) AS s,
           arg_max(struct_pack(h.actual, h.pct_of_plan, h.basis, h.reported_on, h.source),
                   statement_rank(h.basis, h.reported_on, h.import_id, h.id))
               FILTER (WHERE h.actual IS NOT NULL) AS p
    FROM fact_history h
    JOIN imports im ON im.id = h.import_id AND im.undone_at IS NULL
    JOIN affected_keys a ON a.district = h.district AND a.year = h.year
        AND a.period = h.period AND a.indicator_code = h.indicator_code
    GROUP BY h.district, h.year, h.period, h.indicator_code
) c
JOIN folded_indicator_names fi ON fi.code = c.indicator_code
JOIN folded_district_names fd ON fd.name = c.district;
