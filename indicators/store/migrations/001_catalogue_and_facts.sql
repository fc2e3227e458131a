-- The indicator catalogue, the import log, every value ever stored (fact_history)
-- and the current value of each field (facts_current, kept by the importer).

CREATE TABLE districts (
    name        VARCHAR PRIMARY KEY,   -- with diacritics: 'Tràng Định'
    sort_order  INTEGER NOT NULL
);

CREATE TABLE periods (
    code        VARCHAR PRIMARY KEY,   -- Q1, H1, 9M, FY, Q2, Q3, Q4, nM
    label       VARCHAR NOT NULL,      -- Vietnamese label: '9 tháng'
    months      INTEGER NOT NULL,      -- months from January covered at the period's end
    cumulative  BOOLEAN NOT NULL,
    sort_order  INTEGER NOT NULL
);

CREATE TABLE indicators (
    code          VARCHAR PRIMARY KEY,
    name          VARCHAR NOT NULL,
    unit          VARCHAR NOT NULL,
    group_name    VARCHAR NOT NULL,
    direction     VARCHAR NOT NULL CHECK (direction IN ('higher', 'lower')),
    comparable    BOOLEAN NOT NULL,
    is_focus_task BOOLEAN NOT NULL,
    description   VARCHAR
);

CREATE SEQUENCE import_ids START 1;

CREATE TABLE imports (
    id            INTEGER PRIMARY KEY DEFAULT nextval('import_ids'),
    file_name     VARCHAR NOT NULL,
    sha256        VARCHAR NOT NULL,
    imported_by   VARCHAR NOT NULL,
    imported_at   TIMESTAMP NOT NULL,
    rows_read     INTEGER NOT NULL,
    facts_new     INTEGER NOT NULL,
    facts_changed INTEGER NOT NULL,
    facts_unchanged INTEGER NOT NULL,
    undone_at     TIMESTAMP
);

CREATE SEQUENCE fact_history_ids START 1;

-- One row per spreadsheet row imported. A NULL field means "this row did not give it".
-- No index: millions of rows would keep a large ART index in memory for no query that needs it.
CREATE TABLE fact_history (
    id                    BIGINT NOT NULL DEFAULT nextval('fact_history_ids'),
    import_id             INTEGER NOT NULL,
    district              VARCHAR NOT NULL,
    year                  INTEGER NOT NULL,
    period                VARCHAR NOT NULL,
    indicator_code        VARCHAR NOT NULL,
    plan                  DOUBLE,
    actual                DOUBLE,
    same_period_last_year DOUBLE,
    pct_of_plan           DOUBLE,
    pct_yoy               DOUBLE,
    change_yoy_pct        DOUBLE,
    status                VARCHAR,
    note                  VARCHAR,
    source                VARCHAR NOT NULL,
    reported_on           DATE,
    quote                 VARCHAR,
    sheet_row             INTEGER
);

-- The current value of each field: for every field, the value from the latest
-- report (by reported_on, then by import order) that gave it. One row per key, kept so by
-- the importer (refresh_current), without a primary-key index for the same memory reason.
CREATE TABLE facts_current (
    district              VARCHAR NOT NULL,
    year                  INTEGER NOT NULL,
    period                VARCHAR NOT NULL,
    indicator_code        VARCHAR NOT NULL,
    plan                  DOUBLE,
    actual                DOUBLE,
    same_period_last_year DOUBLE,
    pct_of_plan           DOUBLE,
    pct_yoy               DOUBLE,
    change_yoy_pct        DOUBLE,
    status                VARCHAR,
    note                  VARCHAR,
    source                VARCHAR NOT NULL,   -- latest report that touched this figure
    reported_on           DATE,
    quote                 VARCHAR,
    history_id            BIGINT NOT NULL
);
