-- Recomputes the current figure of each key in affected_keys from the history of imports not undone.
-- Each field takes the value from the latest report (reported_on, then import order) that gave it,
-- so a later report giving only "% KH" keeps the amount an earlier one gave.
-- params: none
-- relations: affected_keys
INSERT INTO facts_current (district, year, period, indicator_code, plan, actual, same_period_last_year, pct_of_plan,
                           pct_yoy, change_yoy_pct, status, note, source, reported_on, quote, history_id, search_text)
SELECT h.district, h.year, h.period, h.indicator_code, h.plan, h.actual, h.same_period_last_year, h.pct_of_plan,
       h.pct_yoy, h.change_yoy_pct, h.status, h.note, h.source, h.reported_on, h.quote, h.history_id,
       figure_search_text(fi.folded_name, fi.folded_code, fd.folded_name, h.quote, h.note)
FROM (
    SELECT h.district, h.year, h.period, h.indicator_code,
        arg_max(h.plan, h.latest) FILTER (WHERE h.plan IS NOT NULL) AS plan,
        arg_max(h.actual, h.latest) FILTER (WHERE h.actual IS NOT NULL) AS actual,
        arg_max(h.same_period_last_year, h.latest) FILTER (WHERE h.same_period_last_year IS NOT NULL)
            AS same_period_last_year,
        arg_max(h.pct_of_plan, h.latest) FILTER (WHERE h.pct_of_plan IS NOT NULL) AS pct_of_plan,
        arg_max(h.pct_yoy, h.latest) FILTER (WHERE h.pct_yoy IS NOT NULL) AS pct_yoy,
        arg_max(h.change_yoy_pct, h.latest) FILTER (WHERE h.change_yoy_pct IS NOT NULL) AS change_yoy_pct,
        arg_max(h.status, h.latest) FILTER (WHERE h.status IS NOT NULL) AS status,
        arg_max(h.note, h.latest) FILTER (WHERE h.note IS NOT NULL) AS note,
        arg_max(h.source, h.latest) AS source,
        max(h.reported_on) AS reported_on,
        arg_max(h.quote, h.latest) AS quote,
        arg_max(h.id, h.latest) AS history_id
    FROM (SELECT h.*, (h.reported_on, h.import_id, h.id) AS latest
          FROM fact_history h
          JOIN imports im ON im.id = h.import_id AND im.undone_at IS NULL
          JOIN affected_keys a ON a.district = h.district AND a.year = h.year
              AND a.period = h.period AND a.indicator_code = h.indicator_code) h
    GROUP BY h.district, h.year, h.period, h.indicator_code
) h
JOIN folded_indicator_names fi ON fi.code = h.indicator_code
JOIN folded_district_names fd ON fd.name = h.district;
