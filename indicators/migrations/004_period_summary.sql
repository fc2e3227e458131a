-- How many figures and results each (year, period) holds, kept by the importer for the periods an
-- import or undo touches: the period picker on every page reads this small table instead of grouping
-- millions of current figures on each visit.

-- from_year lets the importer recount recent years without reading older row groups.
CREATE MACRO period_counts(from_year := 0) AS TABLE
    SELECT year, period, count(*) AS facts,
           count(*) FILTER (WHERE actual IS NOT NULL OR pct_of_plan IS NOT NULL OR status IS NOT NULL) AS results
    FROM facts_current
    WHERE year >= from_year
    GROUP BY year, period;

CREATE TABLE period_summary (
    year     INTEGER NOT NULL,
    period   VARCHAR NOT NULL,
    facts    BIGINT NOT NULL,
    results  BIGINT NOT NULL
);

INSERT INTO period_summary SELECT * FROM period_counts();
