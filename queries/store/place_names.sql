-- Every place with what an upload may call it, for recognising a row's unit (ingest/places.py).
-- params: none
-- columns: display_name, unit_code, unit_level, name, short_name, unit_type, parent_district, new_commune
SELECT p.display_name, p.unit_code, p.unit_level, p.name, p.short_name, p.unit_type, p.parent_district,
       b.new_commune
FROM places p
LEFT JOIN place_bridge b ON b.old_commune = p.display_name
ORDER BY p.sort_order, p.display_name;
