-- The reporting units in their order: for the pickers and for recognising names in a file. Former
-- districts (and units outside the places, e.g. synthetic ones) only: communes and the province
-- are recognised through place_names.sql and never fill a district picker.
-- params: none
-- columns: name
SELECT name FROM districts WHERE coalesce(unit_level, 'district') = 'district' ORDER BY sort_order, name;
