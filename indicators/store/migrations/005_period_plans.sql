-- The plan each (district, year, period, indicator) is measured against: the figure's own plan or,
-- when the reports gave the plan only once for the year, that year's plan (its "Cả năm" figure).
-- Said once here for every page that shows a plan. There is a row wherever either plan exists,
-- also for a period that has no figure yet, so a comparison can show the target beside a missing
-- result. Filters on the key columns reach both scans of facts_current below.
CREATE VIEW period_plans AS
SELECT district, year, period, indicator_code, arg_max(plan, own) AS plan
FROM (
    SELECT district, year, period, indicator_code, plan, true AS own
    FROM facts_current
    WHERE plan IS NOT NULL
    UNION ALL
    SELECT y.district, y.year, p.code AS period, y.indicator_code, y.plan, false AS own
    FROM facts_current y
    CROSS JOIN periods p
    WHERE y.period = 'FY' AND y.plan IS NOT NULL
)
GROUP BY district, year, period, indicator_code;
