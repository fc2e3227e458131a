-- The reporting units in their order: for the pickers and for recognising names in a file.
-- params: none
-- columns: name
SELECT name FROM districts ORDER BY sort_order, name;
