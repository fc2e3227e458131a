-- Reporting units that are places (the three former districts, added before places existed) gain
-- their code, level and former district.
-- params: none
UPDATE districts d
SET unit_code = p.unit_code, unit_level = p.unit_level, parent_district = p.parent_district
FROM places p
WHERE p.display_name = d.name AND d.unit_code IS NULL;
