-- Figures a leader can put side by side (issue 13).
--
-- Basis: each stored figure says what kind of number it is, read from the report's own words:
-- 'actual' (thực hiện, đạt), 'estimate' (ước …) or 'forecast' (dự kiến); NULL only for a row that
-- gives a plan and no result.
-- Cut-off: as_of is the date the figure's data runs to when the report states one ("đến ngày
-- 30/7/2024"); the views give the end of the period otherwise, and say whether it was stated.
-- Sources: `source` is the report's title as a leader cites it; the file name has its own column.
--
-- One report per statement: the current figure of a key is one row of fact_history taken whole
-- (amount, plan, % and the rest from the same report), never fields merged from several reports.
-- Which row: the rule is `statement_rank` below, said once for every statement that writes
-- facts_current:
--   1. a row with a result (a basis) before a row with only a plan;
--   2. a result before an estimate or a forecast (so the actual, once reported, is current and the
--      earlier estimate stays in the history);
--   3. then the newest report (reported_on), then the latest import, then the file's row order.
-- When the current statement gives no amount (report 003 gives 116,4% without one), facts_current
-- keeps the best-ranked statement that gives one beside it (prior_*: its amount, %, basis, date and
-- source), which pages show beneath, as that report's, never merged into the current line. Stored
-- rather than joined from fact_history on every read, which would cost each page query a scan of
-- the whole history. Picking with arg_max over the rank
-- in one grouped pass (whole rows as structs, no join back to the history) keeps an import's refresh as fast as the field-by-field rule it replaces.

ALTER TABLE fact_history ADD COLUMN basis VARCHAR;
ALTER TABLE fact_history ADD COLUMN as_of DATE;
ALTER TABLE fact_history ADD COLUMN source_file VARCHAR;

ALTER TABLE facts_current ADD COLUMN basis VARCHAR;
ALTER TABLE facts_current ADD COLUMN as_of DATE;
ALTER TABLE facts_current ADD COLUMN source_file VARCHAR;
ALTER TABLE facts_current ADD COLUMN prior_actual DOUBLE;
ALTER TABLE facts_current ADD COLUMN prior_pct_of_plan DOUBLE;
ALTER TABLE facts_current ADD COLUMN prior_basis VARCHAR;
ALTER TABLE facts_current ADD COLUMN prior_reported_on DATE;
ALTER TABLE facts_current ADD COLUMN prior_source VARCHAR;

ALTER TABLE indicators ADD COLUMN scope VARCHAR;
ALTER TABLE indicators ADD COLUMN aliases VARCHAR;

-- Rows stored before basis existed are results wherever they give one (the template's rule).
UPDATE fact_history SET basis = 'actual'
WHERE basis IS NULL AND (actual IS NOT NULL OR pct_of_plan IS NOT NULL OR pct_yoy IS NOT NULL
                         OR change_yoy_pct IS NOT NULL OR status IS NOT NULL);
UPDATE fact_history SET source_file = source WHERE source_file IS NULL AND source LIKE '%.txt';

CREATE MACRO statement_rank(basis, reported_on, import_id, id) AS
    (basis IS NOT NULL, basis = 'actual', reported_on, import_id, id);

CREATE MACRO period_end(year, months) AS last_day(make_date(year, months, 1));

-- % of plan: the report's own figure, else Thực hiện ÷ Kế hoạch × 100 when both are known (a
-- 9-month figure against the year's plan); the flag says the dashboard computed it.
CREATE MACRO pct_of_plan_or_computed(pct, actual, plan) AS
    coalesce(pct, CASE WHEN actual IS NOT NULL AND plan > 0 THEN actual / plan * 100 END);
CREATE MACRO pct_of_plan_is_computed(pct, actual, plan) AS
    pct IS NULL AND actual IS NOT NULL AND coalesce(plan > 0, false);

-- Every key recomputed under the new rule (later imports do it through the named writes).
DELETE FROM facts_current;
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
    GROUP BY h.district, h.year, h.period, h.indicator_code
) c
JOIN folded_indicator_names fi ON fi.code = c.indicator_code
JOIN folded_district_names fd ON fd.name = c.district;

CREATE OR REPLACE VIEW indicator_facts AS
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
    i.scope,
    f.plan,
    f.actual,
    f.same_period_last_year,
    pct_of_plan_or_computed(f.pct_of_plan, f.actual, f.plan) AS pct_of_plan,
    pct_of_plan_is_computed(f.pct_of_plan, f.actual, f.plan) AS pct_of_plan_computed,
    f.pct_yoy,
    f.change_yoy_pct,
    f.status,
    f.note,
    f.source,
    f.source_file,
    f.reported_on,
    f.quote,
    f.basis,
    coalesce(f.as_of, period_end(f.year, p.months)) AS as_of,
    f.as_of IS NOT NULL AND f.as_of <> period_end(f.year, p.months) AS as_of_stated,
    f.prior_actual,
    f.prior_pct_of_plan,
    f.prior_basis,
    f.prior_reported_on,
    f.prior_source,
    p.months             AS period_months,
    p.cumulative         AS period_cumulative,
    p.sort_order         AS period_sort,
    d.sort_order         AS district_sort
FROM facts_current f
JOIN indicators i ON i.code = f.indicator_code
JOIN periods p ON p.code = f.period
JOIN districts d ON d.name = f.district;

CREATE OR REPLACE VIEW indicator_history AS
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
    h.source_file,
    h.reported_on,
    h.quote,
    h.basis,
    coalesce(h.as_of, period_end(h.year, p.months)) AS as_of,
    h.as_of IS NOT NULL AND h.as_of <> period_end(h.year, p.months) AS as_of_stated,
    h.sheet_row,
    im.file_name         AS import_file,
    im.imported_at       AS recorded_at,
    im.imported_by,
    im.undone_at IS NOT NULL AS undone
FROM fact_history h
JOIN imports im ON im.id = h.import_id
JOIN indicators i ON i.code = h.indicator_code
JOIN periods p ON p.code = h.period;
