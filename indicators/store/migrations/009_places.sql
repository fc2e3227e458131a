-- Places across the 2025 reform (issue 15): Lạng Sơn's province, former districts, communes before
-- 1/7/2025 and communes from 1/7/2025, from the vietnamadminunits package via data/places/*.csv
-- (store.migrate loads the rows when the table is empty: a migration cannot know the project's path).
--
-- Display names are unique across levels and are what a figure's `district` holds: a former district
-- by its short name ('Văn Quan'), a commune from 2025 by its official name ('Xã Tri Lễ'), a commune
-- before 2025 with its former district ('Xã Tri Lễ (Văn Quan)': old names repeat across districts and
-- reappear as new communes), the province as 'Tỉnh Lạng Sơn'. Codes are the official ones and the
-- package reuses old codes for new communes, so a code is read together with its level.

CREATE TABLE places (
    display_name    VARCHAR PRIMARY KEY,
    unit_code       VARCHAR NOT NULL,
    unit_level      VARCHAR NOT NULL CHECK (unit_level IN ('province', 'district', 'commune', 'commune_2025')),
    name            VARCHAR NOT NULL,     -- official full name: 'Xã Tri Lễ', 'Huyện Văn Quan'
    short_name      VARCHAR NOT NULL,     -- 'Tri Lễ'
    unit_type       VARCHAR NOT NULL,     -- 'Xã', 'Phường', 'Thị trấn', 'Huyện', 'Thành phố', 'Tỉnh'
    parent_district VARCHAR,              -- commune: its former district; commune_2025: where most of its former communes lay
    is_split        BOOLEAN,              -- commune_2025: took former communes from two or more former districts
    latitude        DOUBLE,
    longitude       DOUBLE,
    area_km2        DOUBLE,
    sort_order      INTEGER NOT NULL
);

-- Each commune before the reform and the commune from 2025 it went into (the package's conversion;
-- `divided`: the package splits it between several new communes and this is its default one).
CREATE TABLE place_bridge (
    old_commune   VARCHAR PRIMARY KEY,
    old_code      VARCHAR NOT NULL,
    old_district  VARCHAR NOT NULL,
    new_commune   VARCHAR NOT NULL,
    new_code      VARCHAR NOT NULL,
    divided       BOOLEAN NOT NULL
);

-- A reporting unit says what it is; filled from places (NULL for units outside them, e.g. synthetic ones).
ALTER TABLE districts ADD COLUMN unit_code VARCHAR;
ALTER TABLE districts ADD COLUMN unit_level VARCHAR;
ALTER TABLE districts ADD COLUMN parent_district VARCHAR;

-- For each former district, the communes from 2025 that took land from it; a split commune has a row
-- in each of its districts, and counted_here marks the one its figures roll up to (the majority).
CREATE VIEW commune_districts AS
SELECT n.display_name                   AS commune,
       n.unit_code,
       b.old_district                   AS district,
       count(*)                         AS old_communes_here,
       any_value(t.total)               AS old_communes_total,
       b.old_district = n.parent_district AS counted_here,
       n.is_split,
       string_agg(b.old_commune, ', ' ORDER BY b.old_code) AS old_names
FROM place_bridge b
JOIN places n ON n.display_name = b.new_commune AND n.unit_level = 'commune_2025'
JOIN (SELECT new_commune, count(*) AS total FROM place_bridge GROUP BY new_commune) t ON t.new_commune = b.new_commune
GROUP BY n.display_name, n.unit_code, b.old_district, n.parent_district, n.is_split;

-- Which indicators add up across communes: the unit is an amount, a quantity or a count (folded, as
-- listed here) and the name does not say it is a rate or an average. Anything else (%, % KH, a unit
-- with '/', tiêu chí, điểm, a unit not listed) is never added: a rate is never summed or averaged.
CREATE TABLE additive_units (unit VARCHAR PRIMARY KEY);
INSERT INTO additive_units VALUES
    ('dong'), ('nghin dong'), ('trieu dong'), ('ty dong'), ('usd'), ('trieu usd'),
    ('ha'), ('m2'), ('m²'), ('km2'), ('km'), ('m'), ('m3'), ('m³'), ('tan'), ('ta'), ('kg'), ('kwh'), ('trieu kwh'),
    ('nguoi'), ('lao dong'), ('luot'), ('luot nguoi'), ('ho'), ('xa'), ('thon'), ('ho so'), ('truong hop'), ('vu'),
    ('doanh nghiep'), ('hop tac xa'), ('tai khoan'), ('nha'), ('san pham'), ('co so'), ('chuoi'), ('mo hinh'),
    ('cong trinh'), ('du an'), ('xe'), ('khach hang'), ('khu'), ('vuon'), ('chu the'), ('vien'), ('cay'), ('con'),
    ('ca'), ('the'), ('cau lac bo'), ('don vi mau'), ('benh nhan'), ('truong'), ('don'), ('cuoc'), ('ngoi mo'),
    ('tin'), ('giai'), ('huy chuong');

CREATE VIEW additive_indicators AS
SELECT i.code
FROM indicators i
JOIN additive_units u ON u.unit = trim(fold_text(i.unit))
WHERE NOT regexp_matches(fold_text(i.name), '(ty le|binh quan|toc do|mat do|nang suat|chi so)');

-- The reform: a figure for a period ending on or after this date comes from the communes of 2025.
CREATE MACRO commune_level_at(period_end) AS
    CASE WHEN period_end >= DATE '2025-07-01' THEN 'commune_2025' ELSE 'commune' END;

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
    d.sort_order         AS district_sort,
    d.unit_code,
    d.unit_level,
    d.parent_district
FROM facts_current f
JOIN indicators i ON i.code = f.indicator_code
JOIN periods p ON p.code = f.period
JOIN districts d ON d.name = f.district;

-- The communes' figures of an indicator that adds up, per former district: only communes of the level
-- that existed at the period's end, each counted in one district (a split commune where most of its
-- former communes lay). Plan, same period and the two rates only when every counted figure gives them,
-- and the rates as sum ÷ sum, never an average of the communes' percentages.
CREATE VIEW additive_rollup AS
WITH figures AS (
    SELECT f.*, c.parent_district AS area, c.is_split AS split
    FROM indicator_facts f
    JOIN places c ON c.display_name = f.district
    JOIN additive_indicators a ON a.code = f.indicator_code
    WHERE f.unit_level IN ('commune', 'commune_2025')
      AND f.unit_level = commune_level_at(period_end(f.year, f.period_months))
      AND f.actual IS NOT NULL
),
expected AS (
    SELECT parent_district AS area, unit_level, count(*) AS communes_expected
    FROM places
    WHERE unit_level IN ('commune', 'commune_2025')
    GROUP BY ALL
)
SELECT g.area                                   AS district,
       g.year,
       g.period,
       any_value(g.period_label)                AS period_label,
       any_value(g.period_sort)                 AS period_sort,
       g.indicator_code,
       any_value(g.indicator_name)              AS indicator_name,
       any_value(g.unit)                        AS unit,
       g.unit_level                             AS commune_level,
       round(sum(g.actual), 9)                  AS actual,   -- 958.8, not 958.7999999999998
       CASE WHEN count(g.plan) = count(*) THEN round(sum(g.plan), 9) END AS plan,
       CASE WHEN count(g.same_period_last_year) = count(*) THEN round(sum(g.same_period_last_year), 9) END
                                                AS same_period_last_year,
       CASE WHEN count(g.plan) = count(*) AND sum(g.plan) > 0 THEN sum(g.actual) / sum(g.plan) * 100 END
                                                AS pct_of_plan,
       CASE WHEN count(g.same_period_last_year) = count(*) AND sum(g.same_period_last_year) > 0
            THEN sum(g.actual) / sum(g.same_period_last_year) * 100 END AS pct_yoy,
       count(*)                                 AS communes_covered,
       any_value(e.communes_expected)           AS communes_expected,
       count(*) = any_value(e.communes_expected) AS complete,
       count(*) FILTER (WHERE g.split)          AS split_communes,
       string_agg(g.district, ', ' ORDER BY g.district_sort) AS communes,
       CASE WHEN bool_or(g.basis = 'forecast') THEN 'forecast'
            WHEN bool_or(g.basis = 'estimate') THEN 'estimate' ELSE 'actual' END AS basis,
       max(g.as_of)                             AS as_of,
       string_agg(DISTINCT g.source, ' ; ')     AS sources,
       any_value(pd.sort_order)                 AS district_sort,
       'sum'                                    AS method
FROM figures g
JOIN expected e ON e.area = g.area AND e.unit_level = g.unit_level
JOIN places pd ON pd.display_name = g.area
GROUP BY g.area, g.year, g.period, g.indicator_code, g.unit_level;

-- A rate whose numerator and denominator the catalogue holds as indicators that add up: the district's
-- rate is Σ numerator ÷ Σ denominator × scale over the same communes (both roll-ups name the same
-- communes), never a mean of the communes' rates. Only pairs whose parts are certain are listed.
CREATE TABLE rate_parts (
    rate_code        VARCHAR PRIMARY KEY,
    numerator_code   VARCHAR NOT NULL,
    denominator_code VARCHAR NOT NULL,
    scale            DOUBLE NOT NULL    -- 100 for a percentage
);
INSERT INTO rate_parts VALUES
    ('don_kien_nghi_ty_le_giai_quyet', 'don_kien_nghi_da_giai_quyet', 'don_kien_nghi_tham_quyen', 100);

-- Per former district, year, period and indicator: additive_rollup's sums, and the rates of rate_parts
-- from them (method 'sum' or 'ratio').
CREATE VIEW district_rollup AS
SELECT * FROM additive_rollup
UNION ALL
SELECT n.district, n.year, n.period, n.period_label, n.period_sort, rp.rate_code, i.name, i.unit, n.commune_level,
       round(n.actual / d.actual * rp.scale, 9), NULL, NULL, NULL, NULL,
       n.communes_covered, n.communes_expected, n.complete, n.split_communes, n.communes,
       CASE WHEN 'forecast' IN (n.basis, d.basis) THEN 'forecast'
            WHEN 'estimate' IN (n.basis, d.basis) THEN 'estimate' ELSE 'actual' END,
       greatest(n.as_of, d.as_of),
       CASE WHEN n.sources = d.sources THEN n.sources ELSE n.sources || ' ; ' || d.sources END,
       n.district_sort, 'ratio'
FROM rate_parts rp
JOIN indicators i ON i.code = rp.rate_code
JOIN additive_rollup n ON n.indicator_code = rp.numerator_code
JOIN additive_rollup d ON d.indicator_code = rp.denominator_code AND d.district = n.district AND d.year = n.year
                      AND d.period = n.period AND d.commune_level = n.commune_level AND d.communes = n.communes
WHERE d.actual > 0;

-- A former district followed across the reform: its own figure where a report gives one, else the
-- roll-up of its communes (rolled_up says which, with how many communes it covers). One line per key:
-- a district row giving only a plan yields to the roll-up.
CREATE VIEW district_area_figures AS
SELECT f.district, f.year, f.period, f.period_label, f.period_sort, f.indicator_code, f.indicator_name, f.unit,
       f.actual, f.plan, f.pct_of_plan, f.basis, f.as_of, f.source,
       false AS rolled_up, NULL::BIGINT AS communes_covered, NULL::BIGINT AS communes_expected,
       NULL::BOOLEAN AS complete, NULL::BIGINT AS split_communes, f.district_sort
FROM indicator_facts f
WHERE f.unit_level = 'district'
  AND (f.actual IS NOT NULL OR NOT EXISTS (SELECT 1 FROM district_rollup r
                                           WHERE r.district = f.district AND r.year = f.year
                                             AND r.period = f.period AND r.indicator_code = f.indicator_code))
UNION ALL
SELECT r.district, r.year, r.period, r.period_label, r.period_sort, r.indicator_code, r.indicator_name, r.unit,
       r.actual, r.plan, r.pct_of_plan, r.basis, r.as_of, r.sources,
       true, r.communes_covered, r.communes_expected, r.complete, r.split_communes, r.district_sort
FROM district_rollup r
WHERE NOT EXISTS (SELECT 1 FROM facts_current c
                  WHERE c.district = r.district AND c.year = r.year AND c.period = r.period
                    AND c.indicator_code = r.indicator_code AND c.actual IS NOT NULL);
