-- A current figure's search text is fold_text(concat_ws(' ', indicator name, code, district, quote,
-- note)), said once here for every statement that writes facts_current. Folding goes part by part:
-- names, codes and districts are folded once each from their small tables (joined through the two
-- views) instead of once per figure, and only the quote and note are folded row by row.

CREATE VIEW folded_indicator_names AS
SELECT code, fold_text(name) AS folded_name, fold_text(code) AS folded_code FROM indicators;

CREATE VIEW folded_district_names AS
SELECT name, fold_text(name) AS folded_name FROM districts;

-- concat_ws skips NULLs but not '', and fold_text turns NULL into '': a missing quote or note stays NULL.
CREATE MACRO figure_search_text(folded_name, folded_code, folded_district, quote, note) AS
    concat_ws(' ', folded_name, folded_code, folded_district,
              CASE WHEN quote IS NULL THEN NULL ELSE fold_text(quote) END,
              CASE WHEN note IS NULL THEN NULL ELSE fold_text(note) END);
