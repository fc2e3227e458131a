-- One indicator over every period available, for the chosen districts, with how many
-- stored values (revisions, not counting undone imports) each figure has.
-- params: indicator_code VARCHAR, districts VARCHAR[]
-- columns: district, district_sort, year, period, period_label, period_months, period_sort, indicator_name, unit, direction, plan, actual, pct_of_plan, pct_yoy, change_yoy_pct, status, note, source, reported_on, quote, revisions
SELECT f.district, f.district_sort, f.year, f.period, f.period_label, f.period_months, f.period_sort,
       f.indicator_name, f.unit, f.direction,
       f.plan, f.actual, f.pct_of_plan, f.pct_yoy, f.change_yoy_pct, f.status, f.note,
       f.source, f.reported_on, f.quote, coalesce(r.revisions, 0) AS revisions
FROM indicator_facts f
LEFT JOIN (
    SELECT h.district, h.year, h.period, count(*) AS revisions
    FROM fact_history h
    JOIN imports im ON im.id = h.import_id AND im.undone_at IS NULL
    WHERE h.indicator_code = $indicator_code AND list_contains($districts, h.district)
    GROUP BY h.district, h.year, h.period
) r ON r.district = f.district AND r.year = f.year AND r.period = f.period
WHERE f.indicator_code = $indicator_code AND list_contains($districts, f.district)
ORDER BY f.district_sort, f.year, f.period_sort;
