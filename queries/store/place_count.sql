-- Whether the places have been loaded (store.migrate loads them into empty tables).
-- params: none
-- columns: places, bridge
SELECT (SELECT count(*) FROM places) AS places, (SELECT count(*) FROM place_bridge) AS bridge;
