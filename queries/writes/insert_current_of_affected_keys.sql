-- Recomputes the current statement of each key in affected_keys from the history of imports not
-- undone: one row of fact_history taken whole, chosen by statement_rank (migration 007: a result
-- before a plan-only row, an actual before an estimate, then the newest report); when it gives no
-- amount, the best-ranked statement that does is kept beside it (prior_history_id), never merged in.
-- params: none
-- relations: affected_keys
INSERT INTO facts_current (district, year, period, indicator_code, plan, actual, same_period_last_year, pct_of_plan,
                           pct_yoy, change_yoy_pct, status, note, source, reported_on, quote, history_id, search_text,
                           basis, as_of, source_file, prior_history_id)
SELECT h.district, h.year, h.period, h.indicator_code, h.plan, h.actual, h.same_period_last_year, h.pct_of_plan,
       h.pct_yoy, h.change_yoy_pct, h.status, h.note, h.source, h.reported_on, h.quote, h.id,
       figure_search_text(fi.folded_name, fi.folded_code, fd.folded_name, h.quote, h.note),
       h.basis, h.as_of, h.source_file, CASE WHEN h.actual IS NULL THEN c.with_amount END
FROM (
    SELECT arg_max(h.id, statement_rank(h.basis, h.reported_on, h.import_id, h.id)) AS chosen,
           arg_max(h.id, statement_rank(h.basis, h.reported_on, h.import_id, h.id))
               FILTER (WHERE h.actual IS NOT NULL) AS with_amount
    FROM fact_history h
    JOIN imports im ON im.id = h.import_id AND im.undone_at IS NULL
    JOIN affected_keys a ON a.district = h.district AND a.year = h.year
        AND a.period = h.period AND a.indicator_code = h.indicator_code
    GROUP BY h.district, h.year, h.period, h.indicator_code
) c
JOIN fact_history h ON h.id = c.chosen
JOIN folded_indicator_names fi ON fi.code = h.indicator_code
JOIN folded_district_names fd ON fd.name = h.district;
