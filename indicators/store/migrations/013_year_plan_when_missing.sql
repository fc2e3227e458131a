-- The year's plan looked up only for a figure without a plan of its own. Migration 008 gave
-- plan_or_year_plan the year's plan by a join of year_plans in each page query, which read the
-- year's figures a second time on every call, though a figure that states its own plan never uses
-- it. Asked as a subquery that holds only when the own plan is missing, DuckDB looks up just the
-- keys without a plan (none, when every figure has one) and reads next to nothing for the rest.
-- Same rule, same row: year_plans says which figure is the year's plan, plan_or_year_plan which wins;
-- period_facts and district_comparison ask it through this macro.
CREATE MACRO own_or_year_plan(own_plan, of_district, of_year, of_indicator_code) AS
    plan_or_year_plan(own_plan, (SELECT y.plan FROM year_plans y
                                 WHERE own_plan IS NULL AND y.district = of_district AND y.year = of_year
                                   AND y.indicator_code = of_indicator_code));
