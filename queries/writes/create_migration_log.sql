-- The log of applied migrations, made before the first migration runs.
-- params: none
CREATE TABLE IF NOT EXISTS schema_migrations (name VARCHAR PRIMARY KEY, applied_at TIMESTAMP DEFAULT now());
