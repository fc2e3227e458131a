-- The places of data/places/places.csv (written by `python -m indicators places`), loaded into an empty table.
-- params: path VARCHAR
INSERT INTO places
SELECT display_name, unit_code, unit_level, name, short_name, unit_type, nullif(parent_district, ''),
       CAST(nullif(is_split, '') AS BOOLEAN), CAST(nullif(latitude, '') AS DOUBLE),
       CAST(nullif(longitude, '') AS DOUBLE), CAST(nullif(area_km2, '') AS DOUBLE), CAST(sort_order AS INTEGER)
FROM read_csv($path, header = true, all_varchar = true);
