-- Notes a migration as applied, in the same transaction as the migration itself.
-- params: name VARCHAR
INSERT INTO schema_migrations (name) VALUES ($name);
