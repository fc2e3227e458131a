-- The old-commune → new-commune bridge of data/places/bridge.csv, loaded into an empty table.
-- params: path VARCHAR
INSERT INTO place_bridge
SELECT old_commune, old_code, old_district, new_commune, new_code, CAST(divided AS BOOLEAN)
FROM read_csv($path, header = true, all_varchar = true);
