-- Places a file brings figures for, added as reporting units where missing (in the places' order),
-- so their figures join indicator_facts; the pickers list only former districts (district_names.sql).
-- params: names VARCHAR[]
INSERT INTO districts (name, sort_order, unit_code, unit_level, parent_district)
SELECT display_name, sort_order, unit_code, unit_level, parent_district
FROM places
WHERE display_name IN (SELECT unnest($names))
ON CONFLICT DO NOTHING;
