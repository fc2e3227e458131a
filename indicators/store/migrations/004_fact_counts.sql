-- How many figures and results each (year, period, indicator) holds, kept by the importer for the
-- periods an import or undo touches. The period picker and the indicator pickers on every page
-- add up this small table (periods × indicators rows) instead of grouping millions of figures.

-- from_year lets the importer recount recent years without reading older row groups.
CREATE MACRO count_facts(from_year := 0) AS TABLE
    SELECT year, period, indicator_code, count(*) AS facts,
           count(*) FILTER (WHERE actual IS NOT NULL OR pct_of_plan IS NOT NULL OR status IS NOT NULL) AS results
    FROM facts_current
    WHERE year >= from_year
    GROUP BY year, period, indicator_code;

CREATE TABLE fact_counts (
    year            INTEGER NOT NULL,
    period          VARCHAR NOT NULL,
    indicator_code  VARCHAR NOT NULL,
    facts           BIGINT NOT NULL,
    results         BIGINT NOT NULL
);

INSERT INTO fact_counts SELECT * FROM count_facts();
