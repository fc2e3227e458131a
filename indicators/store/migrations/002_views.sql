-- The contract pages and tools read: indicator_facts (current) and indicator_history (all).

CREATE VIEW indicator_facts AS
SELECT
    f.district,
    f.year,
    f.period,
    p.label              AS period_label,
    f.indicator_code,
    i.name               AS indicator_name,
    i.unit,
    i.group_name,
    i.direction,
    i.comparable,
    i.is_focus_task,
    f.plan,
    f.actual,
    f.same_period_last_year,
    f.pct_of_plan,
    f.pct_yoy,
    f.change_yoy_pct,
    f.status,
    f.note,
    f.source,
    f.reported_on,
    f.quote,
    p.months             AS period_months,
    p.cumulative         AS period_cumulative,
    p.sort_order         AS period_sort,
    d.sort_order         AS district_sort
FROM facts_current f
JOIN indicators i ON i.code = f.indicator_code
JOIN periods p ON p.code = f.period
JOIN districts d ON d.name = f.district;

CREATE VIEW indicator_history AS
SELECT
    h.id                 AS history_id,
    h.import_id,
    h.district,
    h.year,
    h.period,
    p.label              AS period_label,
    h.indicator_code,
    i.name               AS indicator_name,
    i.unit,
    h.plan,
    h.actual,
    h.same_period_last_year,
    h.pct_of_plan,
    h.pct_yoy,
    h.change_yoy_pct,
    h.status,
    h.note,
    h.source,
    h.reported_on,
    h.quote,
    h.sheet_row,
    im.file_name         AS import_file,
    im.imported_at       AS recorded_at,
    im.imported_by,
    im.undone_at IS NOT NULL AS undone
FROM fact_history h
JOIN imports im ON im.id = h.import_id
JOIN indicators i ON i.code = h.indicator_code
JOIN periods p ON p.code = h.period;
