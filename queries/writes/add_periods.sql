-- The reporting periods the package knows (indicators.periods), added where missing, given as
-- parallel lists so every database gains new ones on its next start.
-- params: codes VARCHAR[], labels VARCHAR[], months INTEGER[], cumulative BOOLEAN[], sort_orders INTEGER[]
INSERT INTO periods (code, label, months, cumulative, sort_order)
SELECT unnest($codes), unnest($labels), unnest($months), unnest($cumulative), unnest($sort_orders)
ON CONFLICT DO NOTHING;
