-- The former districts whose new communes the places table knows, in the dashboard's order (its
-- three districts first): the areas the Xã, phường page offers.
-- params: none
-- columns: district
SELECT p.display_name AS district
FROM places p
WHERE p.unit_level = 'district'
  AND EXISTS (SELECT 1 FROM commune_districts c WHERE c.district = p.display_name)
ORDER BY p.sort_order;
