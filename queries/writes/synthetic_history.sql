-- Benchmark data only: one figure per unit, indicator, year and period, from a hash so every build
-- is the same. Rows go in the order reports arrive (year, then period), as the importer appends
-- them, so DuckDB's per-row-group min/max lets a one-period query skip most of the table.
-- params: import_id INTEGER, source VARCHAR, first_year INTEGER, years INTEGER, period_codes VARCHAR[]
INSERT INTO fact_history (import_id, district, year, period, indicator_code, plan, actual,
                          pct_of_plan, status, note, source, reported_on, quote, sheet_row, basis)
SELECT $import_id, d.name, y.y, p.code, i.code,
       1000 + hash(d.name || i.code) % 9000,
       round((1000 + hash(d.name || i.code) % 9000) * p.months / 12.0
             * (0.55 + (hash(d.name || i.code || y.y::VARCHAR || p.code) % 80) / 100.0), 2),
       round(p.months / 12.0 * (55 + (hash(d.name || i.code || y.y::VARCHAR || p.code) % 80)), 1),
       NULL, NULL, $source, make_date(y.y, p.months, 28),
       'Số liệu tổng hợp để đo hiệu năng, không phải số liệu thật', 0, 'actual'
FROM districts d, indicators i,
     (SELECT $first_year + r AS y FROM range($years) t(r)) y,
     (SELECT code, months, sort_order FROM periods WHERE list_contains($period_codes, code)) p
ORDER BY y.y, p.sort_order, d.sort_order, i.code;
