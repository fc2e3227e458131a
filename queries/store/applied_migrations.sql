-- Migrations already applied to this database, so each runs once.
-- params: none
-- columns: name
SELECT name FROM schema_migrations;
