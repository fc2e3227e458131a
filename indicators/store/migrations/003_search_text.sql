-- Free-text search over millions of figures: the folded (lower-case, accent-free) text of each
-- current figure is stored once, when the figure changes, instead of being rebuilt per query.

CREATE MACRO fold_text(t) AS replace(strip_accents(lower(coalesce(t, ''))), 'đ', 'd');

ALTER TABLE facts_current ADD COLUMN search_text VARCHAR;

UPDATE facts_current f
SET search_text = fold_text(concat_ws(' ', i.name, f.indicator_code, f.district, f.quote, f.note))
FROM indicators i
WHERE i.code = f.indicator_code;
